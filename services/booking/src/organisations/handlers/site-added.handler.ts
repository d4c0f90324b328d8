import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SiteAddedSchema, Topic, type SiteAdded } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';
import { KnownSite } from '../known-site.entity';

/** Keeps the local list of sites: an asset listed at a site takes the site's location. */
@Injectable()
export class SiteAddedHandler implements IntegrationEventHandler<typeof SiteAddedSchema> {
  readonly topic = Topic.SiteAdded;
  readonly schema = SiteAddedSchema;

  async handle(event: SiteAdded, _meta: EventMetadata, tx: EntityManager): Promise<void> {
    const location = event.location;
    await tx.upsert(
      KnownSite,
      {
        id: event.siteId,
        organisationId: event.organisationId,
        name: event.name,
        latitude: location?.latitude ?? null,
        longitude: location?.longitude ?? null,
        h3R7: location?.h3R7 || null,
        h3R9: location?.h3R9 || null,
      },
      ['id'],
    );
  }
}
