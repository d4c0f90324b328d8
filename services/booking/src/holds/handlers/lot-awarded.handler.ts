import { Controller } from '@nestjs/common';
import { LotAwardedSchema, Topic, type LotAwarded } from '@rim/contracts';
import { traceFromCause, OnEvent, type InboxContext } from '@rim/messaging';
import { CapacityHoldsService } from '../capacity-holds.service';

/** The winner's holds on the lot become confirmed bookings, the losers' are released. */
@Controller()
export class LotAwardedHandler {
  constructor(private readonly holds: CapacityHoldsService) {}

  @OnEvent(Topic.LotAwarded, LotAwardedSchema)
  handle(event: LotAwarded, { meta, tx }: InboxContext): Promise<void> {
    return this.holds.settleLot(tx, event.lotId, event.winningBidId, [...event.losingBidIds], traceFromCause(meta));
  }
}
