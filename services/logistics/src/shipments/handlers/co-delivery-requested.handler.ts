import { Controller } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CoDeliveryRequestedSchema, Topic, type CoDeliveryRequested } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';
import { GreatCircleRoadDistance } from '../../geo/road-distance';
import { KnownSite } from '../../organisations/known-site.entity';
import type { StoredPlace } from '../../trips/trip.entity';
import { ShipmentRequest } from '../shipment.entity';

/** How long after the end of the booking the goods wait at the asset for a trip to call. */
const PICKUP_WINDOW_MS = 24 * 3_600_000;

/**
 * Turns a booking's co-delivery ask into a shipment of the booker's: pickup at the asset from the
 * end of the booking, drop-off by the time given. Matching trips are then offered to the booker
 * on the booking itself (`Booking.coDelivery`). One shipment per booking (unique
 * source_booking_id), so a redelivered event changes nothing even past the inbox.
 */
@Controller()
export class CoDeliveryRequestedHandler {
  // The stored leg length is indicative (matching recomputes detours with the configured model):
  // the default road model keeps this handler free of the request-side providers.
  private readonly road = new GreatCircleRoadDistance();

  @OnEvent(Topic.CoDeliveryRequested, CoDeliveryRequestedSchema)
  async handle(event: CoDeliveryRequested, { tx }: InboxContext): Promise<void> {
    const site = event.pickup?.siteId ? await tx.findOneBy(KnownSite, { id: event.pickup.siteId }) : null;
    const pickup: StoredPlace = {
      latitude: event.pickup?.latitude ?? 0,
      longitude: event.pickup?.longitude ?? 0,
      communeInsee: site?.communeInsee ?? null,
      label: site?.name ?? null,
    };
    const dropoff: StoredPlace = {
      latitude: event.dropoff?.latitude ?? 0,
      longitude: event.dropoff?.longitude ?? 0,
      communeInsee: event.dropoff?.communeInsee || null,
      label: event.dropoff?.label || null,
    };
    const pickupFrom = new Date(event.pickupFrom);
    const deliverBy = new Date(event.deliverBy);
    const pickupLatest = new Date(Math.min(pickupFrom.getTime() + PICKUP_WINDOW_MS, deliverBy.getTime()));
    await tx
      .createQueryBuilder()
      .insert()
      .into(ShipmentRequest)
      .values({
        id: randomUUID(),
        shipperOrganisationId: event.bookerOrganisationId,
        pickup,
        dropoff,
        pickupEarliest: pickupFrom,
        pickupLatest,
        dropoffEarliest: pickupFrom,
        dropoffLatest: deliverBy,
        pallets: event.pallets,
        crates: event.crates,
        kg: event.kg,
        declaredValueEur: event.declaredValueEur,
        // A machine's output: ambient general goods unless the booker says otherwise on the shipment.
        temperatureZone: 'AMBIENT',
        loadClass: 'GENERAL',
        organic: false,
        maxTimeInVehicleMinutes: null,
        legKm: this.road.leg(pickup, dropoff).km,
        viaHubId: null,
        viaHubPlace: null,
        sourceBookingId: event.bookingId,
      })
      .orIgnore()
      .execute();
  }
}
