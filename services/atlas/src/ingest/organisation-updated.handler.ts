import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrganisationUpdatedSchema, Topic, type OrganisationUpdated } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';
import { nafSection } from '../model/indicators';
import { bumpRevision } from './places';

/** A change of sector or tier moves the organisation between the breakdowns. */
@Injectable()
export class OrganisationUpdatedHandler implements IntegrationEventHandler<typeof OrganisationUpdatedSchema> {
  readonly topic = Topic.OrganisationUpdated;
  readonly schema = OrganisationUpdatedSchema;

  async handle(event: OrganisationUpdated, _meta: EventMetadata, tx: EntityManager): Promise<void> {
    await tx.query(
      `INSERT INTO atlas_organisation (id, naf_code, naf_section, tier) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET naf_code = EXCLUDED.naf_code, naf_section = EXCLUDED.naf_section, tier = EXCLUDED.tier, updated_at = now()`,
      [event.organisationId, event.nafCode, nafSection(event.nafCode), event.tier || null],
    );
    await bumpRevision(tx);
  }
}
