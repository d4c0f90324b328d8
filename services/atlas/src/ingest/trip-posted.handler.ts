import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TripPostedSchema, Topic, type TripPosted } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';
import { bumpRevision, eventTime, placeOf } from './places';

/** A co-delivery trip counts at its origin, and as a flow from the origin's EPCI to the destination's. */
@Injectable()
export class TripPostedHandler implements IntegrationEventHandler<typeof TripPostedSchema> {
  readonly topic = Topic.TripPosted;
  readonly schema = TripPostedSchema;

  async handle(event: TripPosted, meta: EventMetadata, tx: EntityManager): Promise<void> {
    const origin = placeOf(event.origin ?? {});
    const destination = placeOf(event.destination ?? {});
    await tx.query(
      `INSERT INTO atlas_trip (id, organisation_id, commune, h3r7, destination_commune, posted_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO NOTHING`,
      [event.tripId, event.ownerOrganisationId, origin.commune, origin.h3r7, destination.commune, eventTime(meta.time)],
    );
    await bumpRevision(tx);
  }
}
