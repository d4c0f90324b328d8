import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CapacityDeclaredSchema, Topic, type CapacityDeclared } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';

/** Spare capacity an organisation offers on a process: a reason to suggest it for a lot due in that window. */
@Injectable()
export class CapacityDeclaredHandler implements IntegrationEventHandler<typeof CapacityDeclaredSchema> {
  readonly topic = Topic.CapacityDeclared;
  readonly schema = CapacityDeclaredSchema;

  async handle(event: CapacityDeclared, _meta: EventMetadata, tx: EntityManager): Promise<void> {
    await tx.query(
      `INSERT INTO directory_capacity (capacity_id, organisation_id, process_code, quantity, unit, window_start, window_end) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (capacity_id) DO NOTHING`,
      [event.capacityId, event.organisationId, event.processCode, event.quantity, event.unit, event.windowStart, event.windowEnd],
    );
  }
}
