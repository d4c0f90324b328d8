import { Controller } from '@nestjs/common';
import { SiteAddedSchema, Topic, type SiteAdded } from '@rim/contracts';
import { knownSiteFields } from '@rim/directory-copy';
import { OnEvent, type InboxContext } from '@rim/messaging';

/** Where each organisation produces: partner suggestions measure the distance to a lot's delivery point. */
@Controller()
export class SiteAddedHandler {
  @OnEvent(Topic.SiteAdded, SiteAddedSchema)
  async handle(event: SiteAdded, { tx }: InboxContext): Promise<void> {
    const site = knownSiteFields(event);
    await tx.query(
      `INSERT INTO directory_site (site_id, organisation_id, latitude, longitude, commune_insee) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (site_id) DO UPDATE SET latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, commune_insee = EXCLUDED.commune_insee`,
      [site.id, site.organisationId, site.latitude, site.longitude, event.location?.communeInsee || null],
    );
  }
}
