import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BookingCancelledSchema, Topic, type BookingCancelled } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';

/** A cancelled booking frees its machine time again. */
@Injectable()
export class BookingCancelledHandler implements IntegrationEventHandler<typeof BookingCancelledSchema> {
  readonly topic = Topic.BookingCancelled;
  readonly schema = BookingCancelledSchema;

  async handle(event: BookingCancelled, _meta: EventMetadata, tx: EntityManager): Promise<void> {
    await tx.query(`DELETE FROM booking_busy WHERE booking_id = $1`, [event.bookingId]);
  }
}
