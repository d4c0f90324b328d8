import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LotAwardedSchema, Topic, type LotAwarded } from '@rim/contracts';
import { traceFromCause, type EventMetadata, type IntegrationEventHandler } from '@rim/messaging';
import { CapacityHoldsService } from '../capacity-holds.service';

/** The winner's holds on the lot become confirmed bookings, the losers' are released. */
@Injectable()
export class LotAwardedHandler implements IntegrationEventHandler<typeof LotAwardedSchema> {
  readonly topic = Topic.LotAwarded;
  readonly schema = LotAwardedSchema;

  constructor(private readonly holds: CapacityHoldsService) {}

  handle(event: LotAwarded, meta: EventMetadata, tx: EntityManager): Promise<void> {
    return this.holds.settleLot(tx, event.lotId, event.winningBidId, [...event.losingBidIds], traceFromCause(meta));
  }
}
