import { Controller } from '@nestjs/common';
import { SiteAddedSchema, Topic, type SiteAdded } from '@rim/contracts';
import { knownSiteFields } from '@rim/directory-copy';
import { OnEvent, type InboxContext } from '@rim/messaging';
import { KnownSite } from '../known-site.entity';

/** Keeps the local list of sites, so a producer picks a pickup place among their own sites. */
@Controller()
export class SiteAddedHandler {
  @OnEvent(Topic.SiteAdded, SiteAddedSchema)
  async handle(event: SiteAdded, { tx }: InboxContext): Promise<void> {
    await tx.upsert(KnownSite, { ...knownSiteFields(event), communeInsee: event.location?.communeInsee || null }, ['id']);
  }
}
