import { Controller } from '@nestjs/common';
import { TripPostedSchema, Topic, type TripPosted } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';
import { bumpRevision, eventTime, placeOf } from './places';

/** A co-delivery trip counts at its origin, and as a flow from the origin's EPCI to the destination's. */
@Controller()
export class TripPostedHandler {
  @OnEvent(Topic.TripPosted, TripPostedSchema)
  async handle(event: TripPosted, { meta, tx }: InboxContext): Promise<void> {
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
