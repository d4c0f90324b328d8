import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SiteAddedSchema, Topic, type SiteAdded } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';

/** Where each organisation produces: partner suggestions measure the distance to a lot's delivery point. */
@Injectable()
export class SiteAddedHandler implements IntegrationEventHandler<typeof SiteAddedSchema> {
  readonly topic = Topic.SiteAdded;
  readonly schema = SiteAddedSchema;

  async handle(event: SiteAdded, _meta: EventMetadata, tx: EntityManager): Promise<void> {
    const l = event.location;
    await tx.query(
      `INSERT INTO directory_site (site_id, organisation_id, latitude, longitude, commune_insee) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (site_id) DO UPDATE SET latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, commune_insee = EXCLUDED.commune_insee`,
      [event.siteId, event.organisationId, l ? l.latitude : null, l ? l.longitude : null, l?.communeInsee || null],
    );
  }
}
