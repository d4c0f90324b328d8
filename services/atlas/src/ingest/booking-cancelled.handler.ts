import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BookingCancelledSchema, Topic, type BookingCancelled } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';
import { bumpRevision } from './places';

@Injectable()
export class BookingCancelledHandler implements IntegrationEventHandler<typeof BookingCancelledSchema> {
  readonly topic = Topic.BookingCancelled;
  readonly schema = BookingCancelledSchema;

  async handle(event: BookingCancelled, _meta: EventMetadata, tx: EntityManager): Promise<void> {
    await tx.query(
      `INSERT INTO atlas_booking (id, organisation_id, slot_start, slot_end, status) VALUES ($1, $2, $3, $4, 'CANCELLED')
       ON CONFLICT (id) DO UPDATE SET status = 'CANCELLED'`,
      [event.bookingId, event.assetOrganisationId, event.slot?.start || null, event.slot?.end || null],
    );
    await bumpRevision(tx);
  }
}
