import { Controller } from '@nestjs/common';
import { CapabilitiesUpdatedSchema, Topic, type CapabilitiesUpdated } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';

/**
 * Keeps which processes each organisation declares, site by site, so a consortium bid's coverage
 * is checked without calling the directory. The event carries a site's full set: it replaces it.
 */
@Controller()
export class CapabilitiesUpdatedHandler {
  @OnEvent(Topic.CapabilitiesUpdated, CapabilitiesUpdatedSchema)
  async handle(event: CapabilitiesUpdated, { tx }: InboxContext): Promise<void> {
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
