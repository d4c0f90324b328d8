import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TenderStatusChangedSchema, Topic, type TenderStatusChanged } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';
import { bumpRevision } from './places';
import { upsertTenderStatus } from './tender-published.handler';

/** A call for tenders leaves the open state (closed, cancelled, awarded…): it no longer counts as open. */
@Injectable()
export class TenderStatusChangedHandler implements IntegrationEventHandler<typeof TenderStatusChangedSchema> {
  readonly topic = Topic.TenderStatusChanged;
  readonly schema = TenderStatusChangedSchema;

  async handle(event: TenderStatusChanged, _meta: EventMetadata, tx: EntityManager): Promise<void> {
    await upsertTenderStatus(tx, event.tenderId, event.to);
    await bumpRevision(tx);
  }
}
