import { Controller } from '@nestjs/common';
import { OrganisationRegisteredSchema, Topic, type OrganisationRegistered } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';
import { nafSection } from '../model/indicators';
import { bumpRevision } from './places';

/** An organisation's sector and tier; its name is not kept: the atlas never shows one. */
@Controller()
export class OrganisationRegisteredHandler {
  @OnEvent(Topic.OrganisationRegistered, OrganisationRegisteredSchema)
  async handle(event: OrganisationRegistered, { tx }: InboxContext): Promise<void> {
    await tx.query(
      `INSERT INTO atlas_organisation (id, naf_code, naf_section, tier) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET naf_code = EXCLUDED.naf_code, naf_section = EXCLUDED.naf_section, tier = EXCLUDED.tier, updated_at = now()`,
      [event.organisationId, event.nafCode, nafSection(event.nafCode), event.tier || null],
    );
    await bumpRevision(tx);
  }
}
