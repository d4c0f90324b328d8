import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CapacityDeclaredSchema, Topic, type CapacityDeclared } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';
import { bumpRevision } from './places';

/** Spare capacity in hours (capacity in units is not comparable across processes, so not summed). */
@Injectable()
export class CapacityDeclaredHandler implements IntegrationEventHandler<typeof CapacityDeclaredSchema> {
  readonly topic = Topic.CapacityDeclared;
  readonly schema = CapacityDeclaredSchema;

  async handle(event: CapacityDeclared, _meta: EventMetadata, tx: EntityManager): Promise<void> {
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
