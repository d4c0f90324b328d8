import { Controller } from '@nestjs/common';
import { CapacityExpiredSchema, Topic, type CapacityExpired } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';

/** Expired or withdrawn spare capacity is no longer a reason to suggest anyone. */
@Controller()
export class CapacityExpiredHandler {
  @OnEvent(Topic.CapacityExpired, CapacityExpiredSchema)
  async handle(event: CapacityExpired, { tx }: InboxContext): Promise<void> {
    await tx.query(`DELETE FROM directory_capacity WHERE capacity_id = $1`, [event.capacityId]);
  }
}
