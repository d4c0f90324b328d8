import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BookingCompletedSchema, Topic, type BookingCompleted } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';
import { bumpRevision } from './places';

@Injectable()
export class BookingCompletedHandler implements IntegrationEventHandler<typeof BookingCompletedSchema> {
  readonly topic = Topic.BookingCompleted;
  readonly schema = BookingCompletedSchema;

  async handle(event: BookingCompleted, _meta: EventMetadata, tx: EntityManager): Promise<void> {
    await tx.query(
      `INSERT INTO atlas_booking (id, organisation_id, slot_start, slot_end, status) VALUES ($1, $2, $3, $4, 'COMPLETED')
       ON CONFLICT (id) DO UPDATE SET status = 'COMPLETED'`,
      [event.bookingId, event.assetOrganisationId, event.slot?.start || null, event.slot?.end || null],
    );
    await bumpRevision(tx);
  }
}
