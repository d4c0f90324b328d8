import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CapabilitiesUpdatedSchema, Topic, type CapabilitiesUpdated } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';

/**
 * Keeps which processes each organisation declares, site by site, so a consortium bid's coverage
 * is checked without calling the directory. The event carries a site's full set: it replaces it.
 */
@Injectable()
export class CapabilitiesUpdatedHandler implements IntegrationEventHandler<typeof CapabilitiesUpdatedSchema> {
  readonly topic = Topic.CapabilitiesUpdated;
  readonly schema = CapabilitiesUpdatedSchema;

  async handle(event: CapabilitiesUpdated, _meta: EventMetadata, tx: EntityManager): Promise<void> {
    await tx.query(`DELETE FROM directory_capability WHERE organisation_id = $1 AND site_id = $2`, [event.organisationId, event.siteId]);
    const processes = [...new Set(event.capabilities.map((c) => c.processCode))];
    if (processes.length) {
      await tx.query(
        `INSERT INTO directory_capability (organisation_id, site_id, process_code) SELECT $1, $2, unnest($3::text[]) ON CONFLICT DO NOTHING`,
        [event.organisationId, event.siteId, processes],
      );
    }
  }
}
