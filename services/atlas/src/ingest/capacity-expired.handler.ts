import { Controller } from '@nestjs/common';
import { CapacityExpiredSchema, Topic, type CapacityExpired } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';
import { bumpRevision } from './places';

@Controller()
export class CapacityExpiredHandler {
  @OnEvent(Topic.CapacityExpired, CapacityExpiredSchema)
  async handle(event: CapacityExpired, { tx }: InboxContext): Promise<void> {
    await tx.query(`DELETE FROM atlas_capacity WHERE id = $1`, [event.capacityId]);
    await bumpRevision(tx);
  }
}
