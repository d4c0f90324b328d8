import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BidWithdrawnSchema, Topic, type BidWithdrawn } from '@rim/contracts';
import { traceFromCause, type EventMetadata, type IntegrationEventHandler } from '@rim/messaging';
import { CapacityHoldsService } from '../capacity-holds.service';

/** A withdrawn or replaced bid needs no machine time any more. */
@Injectable()
export class BidWithdrawnHandler implements IntegrationEventHandler<typeof BidWithdrawnSchema> {
  readonly topic = Topic.BidWithdrawn;
  readonly schema = BidWithdrawnSchema;

  constructor(private readonly holds: CapacityHoldsService) {}

  handle(event: BidWithdrawn, meta: EventMetadata, tx: EntityManager): Promise<void> {
    return this.holds.releaseBid(tx, event.bidId, event.replaced ? 'replaced' : 'withdrawn', traceFromCause(meta));
  }
}
