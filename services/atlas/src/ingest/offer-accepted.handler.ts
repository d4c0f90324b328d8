import { Controller } from '@nestjs/common';
import { OfferAcceptedSchema, Topic, type OfferAccepted } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';
import { bumpRevision } from './places';

/** A load pooled on a trip: the `loads` of the flow the trip belongs to. */
@Controller()
export class OfferAcceptedHandler {
  @OnEvent(Topic.OfferAccepted, OfferAcceptedSchema)
  async handle(event: OfferAccepted, { tx }: InboxContext): Promise<void> {
    await tx.query(`INSERT INTO atlas_trip_load (offer_id, trip_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [event.offerId, event.tripId]);
    await bumpRevision(tx);
  }
}
