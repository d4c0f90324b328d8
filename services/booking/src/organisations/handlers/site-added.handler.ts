import { Controller } from '@nestjs/common';
import { SiteAddedSchema, Topic, type SiteAdded } from '@rim/contracts';
import { knownSiteFields } from '@rim/directory-copy';
import { OnEvent, type InboxContext } from '@rim/messaging';
import { KnownSite } from '../known-site.entity';

/** Keeps the local list of sites: an asset listed at a site takes the site's location. */
@Controller()
export class SiteAddedHandler {
  @OnEvent(Topic.SiteAdded, SiteAddedSchema)
  async handle(event: SiteAdded, { tx }: InboxContext): Promise<void> {
    await tx.upsert(
      KnownSite,
      { ...knownSiteFields(event), h3R7: event.location?.h3R7 || null, h3R9: event.location?.h3R9 || null },
      ['id'],
    );
  }
}
