import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrganisationUpdatedSchema, Topic, type OrganisationUpdated } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';
import { rememberOrganisationName } from '../known-organisation-copy';

/**
 * Keeps the local copy fresh after a rename. The copy stays because booking checks, inside its own
 * transactions, that an operator acts for an organisation the directory knows (decision 0050).
 */
@Injectable()
export class OrganisationUpdatedHandler implements IntegrationEventHandler<typeof OrganisationUpdatedSchema> {
  readonly topic = Topic.OrganisationUpdated;
  readonly schema = OrganisationUpdatedSchema;

  async handle(event: OrganisationUpdated, meta: EventMetadata, tx: EntityManager): Promise<void> {
    await rememberOrganisationName(tx, event.organisationId, event.legalName, meta.time ? new Date(meta.time) : new Date());
  }
}
