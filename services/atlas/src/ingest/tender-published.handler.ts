import { Controller } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TenderPublishedSchema, TenderStatus, Topic, type TenderPublished } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';
import { bumpRevision, placeOf } from './places';

/** A call for tenders is open, with where each lot is delivered and the processes it asks for. */
@Controller()
export class TenderPublishedHandler {
  @OnEvent(Topic.TenderPublished, TenderPublishedSchema)
  async handle(event: TenderPublished, { tx }: InboxContext): Promise<void> {
    await upsertTenderStatus(tx, event.tenderId, TenderStatus.OPEN);
    for (const lot of event.lots) {
      await tx.query(
        `INSERT INTO atlas_tender_lot (id, tender_id, delivery_commune, required_processes) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET delivery_commune = EXCLUDED.delivery_commune, required_processes = EXCLUDED.required_processes`,
        [lot.lotId, event.tenderId, placeOf({ communeInsee: lot.deliveryCommuneInsee }).commune, [...new Set(lot.requiredProcesses)]],
      );
    }
    await bumpRevision(tx);
  }
}

/**
 * The lifecycle only moves forward in the enum's order (draft, open, closed, evaluation, awarded,
 * contracted; cancelled and unsuccessful are terminal), and the status events come on several
 * topics: keeping the largest heard makes the result independent of their order.
 */
export async function upsertTenderStatus(tx: EntityManager, tenderId: string, status: TenderStatus): Promise<void> {
  await tx.query(
    `INSERT INTO atlas_tender (id, status) VALUES ($1, $2)
     ON CONFLICT (id) DO UPDATE SET status = GREATEST(atlas_tender.status, EXCLUDED.status)`,
    [tenderId, status],
  );
}
