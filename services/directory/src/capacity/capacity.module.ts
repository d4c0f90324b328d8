import { Module } from '@nestjs/common';
import { CapacityResolver } from './capacity.resolver';
import { CapacityService } from './capacity.service';

/** Spare capacity a site declares for a window, and its expiry. */
@Module({ providers: [CapacityResolver, CapacityService] })
export class CapacityModule {}
