import { Controller } from '@nestjs/common';
import { CapacityDeclaredSchema, Topic, type CapacityDeclared } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';

/** Spare capacity an organisation offers on a process: a reason to suggest it for a lot due in that window. */
@Controller()
export class CapacityDeclaredHandler {
  @OnEvent(Topic.CapacityDeclared, CapacityDeclaredSchema)
  async handle(event: CapacityDeclared, { tx }: InboxContext): Promise<void> {
    await tx.query(
      `INSERT INTO directory_capacity (capacity_id, organisation_id, process_code, quantity, unit, window_start, window_end) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (capacity_id) DO NOTHING`,
      [event.capacityId, event.organisationId, event.processCode, event.quantity, event.unit, event.windowStart, event.windowEnd],
    );
  }
}
