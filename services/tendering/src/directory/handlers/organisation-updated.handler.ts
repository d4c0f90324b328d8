import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrganisationUpdatedSchema, Topic, type OrganisationUpdated } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';
import { rememberOrganisationName } from '../known-organisation-copy';

/** A renamed organisation keeps its new name here too (registered and updated may arrive in either order). */
@Injectable()
export class OrganisationUpdatedHandler implements IntegrationEventHandler<typeof OrganisationUpdatedSchema> {
  readonly topic = Topic.OrganisationUpdated;
  readonly schema = OrganisationUpdatedSchema;

  async handle(event: OrganisationUpdated, meta: EventMetadata, tx: EntityManager): Promise<void> {
    await rememberOrganisationName(tx, event.organisationId, event.legalName, meta.time ? new Date(meta.time) : new Date());
  }
}
