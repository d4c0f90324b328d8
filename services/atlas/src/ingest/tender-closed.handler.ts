import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TenderClosedSchema, TenderStatus, Topic, type TenderClosed } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';
import { bumpRevision } from './places';
import { upsertTenderStatus } from './tender-published.handler';

/** The submission deadline passed; the bid count is not kept (nothing here needs it). */
@Injectable()
export class TenderClosedHandler implements IntegrationEventHandler<typeof TenderClosedSchema> {
  readonly topic = Topic.TenderClosed;
  readonly schema = TenderClosedSchema;

  async handle(event: TenderClosed, _meta: EventMetadata, tx: EntityManager): Promise<void> {
    await upsertTenderStatus(tx, event.tenderId, TenderStatus.CLOSED);
    await bumpRevision(tx);
  }
}
