import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SiteAddedSchema, Topic, type SiteAdded } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';
import { bumpRevision, eventTime, placeOf } from './places';

/** A site places its organisation on the map (an organisation is counted at its first site). */
@Injectable()
export class SiteAddedHandler implements IntegrationEventHandler<typeof SiteAddedSchema> {
  readonly topic = Topic.SiteAdded;
  readonly schema = SiteAddedSchema;

  async handle(event: SiteAdded, meta: EventMetadata, tx: EntityManager): Promise<void> {
    const place = placeOf(event.location ?? {});
    await tx.query(
      `INSERT INTO atlas_site (id, organisation_id, commune, h3r7, added_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET commune = EXCLUDED.commune, h3r7 = EXCLUDED.h3r7`,
      [event.siteId, event.organisationId, place.commune, place.h3r7, eventTime(meta.time)],
    );
    await bumpRevision(tx);
  }
}
