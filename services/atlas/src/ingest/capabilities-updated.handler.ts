import { Controller } from '@nestjs/common';
import { CapabilitiesUpdatedSchema, Topic, type CapabilitiesUpdated } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';
import { bumpRevision } from './places';

/** The processes a site declares (the full set replaces the previous one): who could serve a lot, for the gaps. */
@Controller()
export class CapabilitiesUpdatedHandler {
  @OnEvent(Topic.CapabilitiesUpdated, CapabilitiesUpdatedSchema)
  async handle(event: CapabilitiesUpdated, { tx }: InboxContext): Promise<void> {
    await tx.query(`DELETE FROM atlas_capability WHERE site_id = $1`, [event.siteId]);
    const processes = [...new Set(event.capabilities.map((c) => c.processCode).filter((p) => p !== ''))];
    if (processes.length > 0) {
      await tx.query(
        `INSERT INTO atlas_capability (site_id, organisation_id, process_code) SELECT $1, $2, unnest($3::text[])`,
        [event.siteId, event.organisationId, processes],
      );
    }
    await bumpRevision(tx);
  }
}
