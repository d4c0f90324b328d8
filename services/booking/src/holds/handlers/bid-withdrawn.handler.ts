import { Controller } from '@nestjs/common';
import { BidWithdrawnSchema, Topic, type BidWithdrawn } from '@rim/contracts';
import { traceFromCause, OnEvent, type InboxContext } from '@rim/messaging';
import { CapacityHoldsService } from '../capacity-holds.service';

/** A withdrawn or replaced bid needs no machine time any more. */
@Controller()
export class BidWithdrawnHandler {
  constructor(private readonly holds: CapacityHoldsService) {}

  @OnEvent(Topic.BidWithdrawn, BidWithdrawnSchema)
  handle(event: BidWithdrawn, { meta, tx }: InboxContext): Promise<void> {
    return this.holds.releaseBid(tx, event.bidId, event.replaced ? 'replaced' : 'withdrawn', traceFromCause(meta));
  }
}
