import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrganisationRegisteredSchema, Topic, type OrganisationRegistered } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';
import { rememberOrganisationName } from '../known-organisation-copy';

/** Names of organisations, for consortium members, refusals and OCDS parties, without calling the directory. */
@Injectable()
export class OrganisationRegisteredHandler implements IntegrationEventHandler<typeof OrganisationRegisteredSchema> {
  readonly topic = Topic.OrganisationRegistered;
  readonly schema = OrganisationRegisteredSchema;

  async handle(event: OrganisationRegistered, meta: EventMetadata, tx: EntityManager): Promise<void> {
    await rememberOrganisationName(tx, event.organisationId, event.legalName, meta.time ? new Date(meta.time) : new Date());
  }
}
