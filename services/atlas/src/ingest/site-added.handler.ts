import { Controller } from '@nestjs/common';
import { SiteAddedSchema, Topic, type SiteAdded } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';
import { bumpRevision, eventTime, placeOf } from './places';

/** A site places its organisation on the map (an organisation is counted at its first site). */
@Controller()
export class SiteAddedHandler {
  @OnEvent(Topic.SiteAdded, SiteAddedSchema)
  async handle(event: SiteAdded, { meta, tx }: InboxContext): Promise<void> {
    const place = placeOf(event.location ?? {});
    await tx.query(
      `INSERT INTO atlas_site (id, organisation_id, commune, h3r7, added_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET commune = EXCLUDED.commune, h3r7 = EXCLUDED.h3r7`,
      [event.siteId, event.organisationId, place.commune, place.h3r7, eventTime(meta.time)],
    );
    await bumpRevision(tx);
  }
}
