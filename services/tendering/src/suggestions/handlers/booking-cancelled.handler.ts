import { Controller } from '@nestjs/common';
import { BookingCancelledSchema, Topic, type BookingCancelled } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';

/** A cancelled booking frees its machine time again. */
@Controller()
export class BookingCancelledHandler {
  @OnEvent(Topic.BookingCancelled, BookingCancelledSchema)
  async handle(event: BookingCancelled, { tx }: InboxContext): Promise<void> {
    await tx.query(`DELETE FROM booking_busy WHERE booking_id = $1`, [event.bookingId]);
  }
}
