import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SiteAddedSchema, Topic, type SiteAdded } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';
import { KnownSite } from '../known-site.entity';

/** Keeps the local list of sites, so a producer picks a pickup place among their own sites. */
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
        communeInsee: location?.communeInsee || null,
      },
      ['id'],
    );
  }
}
