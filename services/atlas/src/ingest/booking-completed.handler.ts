import { Controller } from '@nestjs/common';
import { BookingCompletedSchema, Topic, type BookingCompleted } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';
import { bumpRevision } from './places';

@Controller()
export class BookingCompletedHandler {
  @OnEvent(Topic.BookingCompleted, BookingCompletedSchema)
  async handle(event: BookingCompleted, { tx }: InboxContext): Promise<void> {
    await tx.query(
      `INSERT INTO atlas_booking (id, organisation_id, slot_start, slot_end, status) VALUES ($1, $2, $3, $4, 'COMPLETED')
       ON CONFLICT (id) DO UPDATE SET status = 'COMPLETED'`,
      [event.bookingId, event.assetOrganisationId, event.slot?.start || null, event.slot?.end || null],
    );
    await bumpRevision(tx);
  }
}
