import { Controller } from '@nestjs/common';
import { CapacityHoldRequestedSchema, Topic, type CapacityHoldRequested } from '@rim/contracts';
import { traceFromCause, OnEvent, type InboxContext } from '@rim/messaging';
import { CapacityHoldsService } from '../capacity-holds.service';

/** Tendering asks for a submitted bid's committed machine time: hold it, or refuse with the reason. */
@Controller()
export class CapacityHoldRequestedHandler {
  constructor(private readonly holds: CapacityHoldsService) {}

  @OnEvent(Topic.CapacityHoldRequested, CapacityHoldRequestedSchema)
  handle(event: CapacityHoldRequested, { meta, tx }: InboxContext): Promise<void> {
    return this.holds.request(tx, event, traceFromCause(meta));
  }
}
