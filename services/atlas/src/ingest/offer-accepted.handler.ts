import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OfferAcceptedSchema, Topic, type OfferAccepted } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';
import { bumpRevision } from './places';

/** A load pooled on a trip: the `loads` of the flow the trip belongs to. */
@Injectable()
export class OfferAcceptedHandler implements IntegrationEventHandler<typeof OfferAcceptedSchema> {
  readonly topic = Topic.OfferAccepted;
  readonly schema = OfferAcceptedSchema;

  async handle(event: OfferAccepted, _meta: EventMetadata, tx: EntityManager): Promise<void> {
    await tx.query(`INSERT INTO atlas_trip_load (offer_id, trip_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [event.offerId, event.tripId]);
    await bumpRevision(tx);
  }
}
