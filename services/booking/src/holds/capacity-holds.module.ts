import { Module } from '@nestjs/common';
import { CapacityHoldsService } from './capacity-holds.service';
import { BidWithdrawnHandler } from './handlers/bid-withdrawn.handler';
import { CapacityHoldRequestedHandler } from './handlers/capacity-hold-requested.handler';
import { LotAwardedHandler } from './handlers/lot-awarded.handler';
import { TenderStatusChangedHandler } from './handlers/tender-status-changed.handler';

/** Tendering's events that drive the capacity-hold saga; registered with the inbox consumer by the app module. */
export const CAPACITY_HOLD_EVENT_HANDLERS = [CapacityHoldRequestedHandler, BidWithdrawnHandler, LotAwardedHandler, TenderStatusChangedHandler];

/**
 * Machine time held for a submitted bid (decision 0111). The handlers above are controllers of the
 * messaging module, which cannot import this one: BookingModule.forRoot exports it globally.
 */
@Module({ providers: [CapacityHoldsService], exports: [CapacityHoldsService] })
export class CapacityHoldsModule {}
