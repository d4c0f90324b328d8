import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { BidsResolver } from './bids.resolver';
import { BidsService } from './bids.service';
import { CapacityHoldChangedHandler } from './handlers/capacity-hold-changed.handler';

/** Booking's answers to the capacity holds of a bid; registered with the inbox consumer by the app module. */
export const BID_EVENT_HANDLERS = [CapacityHoldChangedHandler];

/** Sealed bids, their receipts and the machine time booking holds for them. */
@Module({
  imports: [AuditModule],
  providers: [BidsService, BidsResolver],
})
export class BidsModule {}
