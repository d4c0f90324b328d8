import { Module } from '@nestjs/common';
import { PlansResolver } from './plans.resolver';
import { PlansService } from './plans.service';

/** Monthly subscription plans with an hour quota, and the organisations subscribed to them. */
@Module({
  providers: [PlansService, PlansResolver],
})
export class PlansModule {}
