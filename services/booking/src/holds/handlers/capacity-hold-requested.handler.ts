import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CapacityHoldRequestedSchema, Topic, type CapacityHoldRequested } from '@rim/contracts';
import { traceFromCause, type EventMetadata, type IntegrationEventHandler } from '@rim/messaging';
import { CapacityHoldsService } from '../capacity-holds.service';

/** Tendering asks for a submitted bid's committed machine time: hold it, or refuse with the reason. */
@Injectable()
export class CapacityHoldRequestedHandler implements IntegrationEventHandler<typeof CapacityHoldRequestedSchema> {
  readonly topic = Topic.CapacityHoldRequested;
  readonly schema = CapacityHoldRequestedSchema;

  constructor(private readonly holds: CapacityHoldsService) {}

  handle(event: CapacityHoldRequested, meta: EventMetadata, tx: EntityManager): Promise<void> {
    return this.holds.request(tx, event, traceFromCause(meta));
  }
}
