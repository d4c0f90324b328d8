import { Controller } from '@nestjs/common';
import { CapacityDeclaredSchema, Topic, type CapacityDeclared } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';
import { bumpRevision } from './places';

/** Spare capacity in hours (capacity in units is not comparable across processes, so not summed). */
@Controller()
export class CapacityDeclaredHandler {
  @OnEvent(Topic.CapacityDeclared, CapacityDeclaredSchema)
  async handle(event: CapacityDeclared, { tx }: InboxContext): Promise<void> {
    if (event.unit !== 'hours') {
      await bumpRevision(tx);
      return;
    }
    const end = event.windowEnd ? new Date(event.windowEnd) : null;
    await tx.query(
      `INSERT INTO atlas_capacity (id, organisation_id, site_id, hours, window_end) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET hours = EXCLUDED.hours, window_end = EXCLUDED.window_end, site_id = EXCLUDED.site_id`,
      [event.capacityId, event.organisationId, event.siteId || null, Math.max(0, event.quantity), end && !Number.isNaN(end.getTime()) ? end : null],
    );
    await bumpRevision(tx);
  }
}
