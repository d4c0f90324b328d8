import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TenderStatus, TenderStatusChangedSchema, Topic, type TenderStatusChanged } from '@rim/contracts';
import { traceFromCause, type EventMetadata, type IntegrationEventHandler } from '@rim/messaging';
import { CapacityHoldsService } from '../capacity-holds.service';

const ENDED_WITHOUT_WORK: Partial<Record<TenderStatus, string>> = {
  [TenderStatus.CANCELLED]: 'the call was cancelled',
  [TenderStatus.UNSUCCESSFUL]: 'the call ended without award',
};

/** A call that ends without work releases whatever its bids still hold. */
@Injectable()
export class TenderStatusChangedHandler implements IntegrationEventHandler<typeof TenderStatusChangedSchema> {
  readonly topic = Topic.TenderStatusChanged;
  readonly schema = TenderStatusChangedSchema;

  constructor(private readonly holds: CapacityHoldsService) {}

  async handle(event: TenderStatusChanged, meta: EventMetadata, tx: EntityManager): Promise<void> {
    const reason = ENDED_WITHOUT_WORK[event.to];
    if (reason) await this.holds.releaseTender(tx, event.tenderId, reason, traceFromCause(meta));
  }
}
