import { Controller } from '@nestjs/common';
import { BookingConfirmedSchema, Topic, type BookingConfirmed } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';

/** Confirmed machine time is not free: suggestions count an asset's free hours before the delivery date. */
@Controller()
export class BookingConfirmedHandler {
  @OnEvent(Topic.BookingConfirmed, BookingConfirmedSchema)
  async handle(event: BookingConfirmed, { tx }: InboxContext): Promise<void> {
    if (!event.slot?.start || !event.slot?.end) return;
    await tx.query(`INSERT INTO booking_busy (booking_id, asset_id, starts_at, ends_at) VALUES ($1, $2, $3, $4) ON CONFLICT (booking_id) DO NOTHING`, [
      event.bookingId, event.assetId, event.slot.start, event.slot.end,
    ]);
  }
}
