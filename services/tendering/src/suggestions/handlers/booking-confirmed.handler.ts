import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BookingConfirmedSchema, Topic, type BookingConfirmed } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';

/** Confirmed machine time is not free: suggestions count an asset's free hours before the delivery date. */
@Injectable()
export class BookingConfirmedHandler implements IntegrationEventHandler<typeof BookingConfirmedSchema> {
  readonly topic = Topic.BookingConfirmed;
  readonly schema = BookingConfirmedSchema;

  async handle(event: BookingConfirmed, _meta: EventMetadata, tx: EntityManager): Promise<void> {
    if (!event.slot?.start || !event.slot?.end) return;
    await tx.query(`INSERT INTO booking_busy (booking_id, asset_id, starts_at, ends_at) VALUES ($1, $2, $3, $4) ON CONFLICT (booking_id) DO NOTHING`, [
      event.bookingId, event.assetId, event.slot.start, event.slot.end,
    ]);
  }
}
