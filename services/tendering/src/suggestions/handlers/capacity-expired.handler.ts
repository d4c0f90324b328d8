import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CapacityExpiredSchema, Topic, type CapacityExpired } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';

/** Expired or withdrawn spare capacity is no longer a reason to suggest anyone. */
@Injectable()
export class CapacityExpiredHandler implements IntegrationEventHandler<typeof CapacityExpiredSchema> {
  readonly topic = Topic.CapacityExpired;
  readonly schema = CapacityExpiredSchema;

  async handle(event: CapacityExpired, _meta: EventMetadata, tx: EntityManager): Promise<void> {
    await tx.query(`DELETE FROM directory_capacity WHERE capacity_id = $1`, [event.capacityId]);
  }
}
