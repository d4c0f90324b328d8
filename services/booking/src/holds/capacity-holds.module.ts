import { Global, Module } from '@nestjs/common';
import { CapacityHoldsService } from './capacity-holds.service';

/**
 * Global because the inbox handlers that drive the saga are controllers of the (global) messaging
 * module, which cannot import a service module itself.
 */
@Global()
@Module({ providers: [CapacityHoldsService], exports: [CapacityHoldsService] })
export class CapacityHoldsModule {}
