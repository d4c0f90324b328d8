import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrganisationRegisteredSchema, Topic, type OrganisationRegistered } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';
import { nafSection } from '../model/indicators';
import { bumpRevision } from './places';

/** An organisation's sector and tier; its name is not kept: the atlas never shows one. */
@Injectable()
export class OrganisationRegisteredHandler implements IntegrationEventHandler<typeof OrganisationRegisteredSchema> {
  readonly topic = Topic.OrganisationRegistered;
  readonly schema = OrganisationRegisteredSchema;

  async handle(event: OrganisationRegistered, _meta: EventMetadata, tx: EntityManager): Promise<void> {
    await tx.query(
      `INSERT INTO atlas_organisation (id, naf_code, naf_section, tier) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET naf_code = EXCLUDED.naf_code, naf_section = EXCLUDED.naf_section, tier = EXCLUDED.tier, updated_at = now()`,
      [event.organisationId, event.nafCode, nafSection(event.nafCode), event.tier || null],
    );
    await bumpRevision(tx);
  }
}
