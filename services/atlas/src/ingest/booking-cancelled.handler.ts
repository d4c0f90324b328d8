import { Controller } from '@nestjs/common';
import { BookingCancelledSchema, Topic, type BookingCancelled } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';
import { bumpRevision } from './places';

@Controller()
export class BookingCancelledHandler {
  @OnEvent(Topic.BookingCancelled, BookingCancelledSchema)
  async handle(event: BookingCancelled, { tx }: InboxContext): Promise<void> {
    await tx.query(
      `INSERT INTO atlas_booking (id, organisation_id, slot_start, slot_end, status) VALUES ($1, $2, $3, $4, 'CANCELLED')
       ON CONFLICT (id) DO UPDATE SET status = 'CANCELLED'`,
      [event.bookingId, event.assetOrganisationId, event.slot?.start || null, event.slot?.end || null],
    );
    await bumpRevision(tx);
  }
}
