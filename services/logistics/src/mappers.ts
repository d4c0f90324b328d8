import type { Handling, LoadClass, TemperatureZone } from './graphql-types';
import type { TripMatchResult } from './matching/matching';
import type { OfferModel, OfferStatusEnum, ShipmentModel, TripMatchModel, TripModel } from './models';
import type { Offer, ShipmentRequest } from './shipments/shipment.entity';
import type { Trip } from './trips/trip.entity';

export function tripModel(t: Trip): TripModel {
  return {
    id: t.id,
    ownerOrganisationId: t.ownerOrganisationId,
    vehicleType: t.vehicleType,
    origin: t.origin,
    stops: t.stops,
    destination: t.destination,
    routeKm: t.routeKm,
    departureEarliest: t.departureEarliest,
    departureLatest: t.departureLatest,
    capacity: { pallets: t.capacityPallets, crates: t.capacityCrates, kg: t.capacityKg },
    remaining: { pallets: t.remainingPallets, crates: t.remainingCrates, kg: t.remainingKg },
    temperatureZone: t.temperatureZone as TemperatureZone,
    handling: t.handling as Handling,
    pricePerPalletEur: t.pricePerPalletEur,
    pricePerCrateEur: t.pricePerCrateEur,
    pricePerKgEur: t.pricePerKgEur,
    maxDetourKm: t.maxDetourKm,
    maxDetourMinutes: t.maxDetourMinutes,
    loadClass: t.loadClass as LoadClass,
    organicOnly: t.organicOnly,
    status: t.status,
  };
}

export function shipmentModel(s: ShipmentRequest): ShipmentModel {
  return {
    id: s.id,
    shipperOrganisationId: s.shipperOrganisationId,
    pickup: s.pickup,
    dropoff: s.dropoff,
    pickupEarliest: s.pickupEarliest,
    pickupLatest: s.pickupLatest,
    dropoffEarliest: s.dropoffEarliest,
    dropoffLatest: s.dropoffLatest,
    quantities: { pallets: s.pallets, crates: s.crates, kg: s.kg },
    declaredValueEur: s.declaredValueEur,
    temperatureZone: s.temperatureZone as TemperatureZone,
    loadClass: s.loadClass as LoadClass,
    organic: s.organic,
    maxTimeInVehicleMinutes: s.maxTimeInVehicleMinutes,
    legKm: s.legKm,
    viaHubId: s.viaHubId,
    account: null, // resolved on demand
    sourceBooking: s.sourceBookingId ? { id: s.sourceBookingId } : null,
  };
}

/** A pending offer past its expiry reads as EXPIRED even before anything rewrites the row. */
export function offerModel(o: Offer, now = new Date()): OfferModel {
  const status = o.status === 'PENDING' && o.expiresAt.getTime() <= now.getTime() ? 'EXPIRED' : o.status;
  return { id: o.id, tripId: o.tripId, shipmentId: o.shipmentId, priceEur: o.priceEur, status: status as OfferStatusEnum, expiresAt: o.expiresAt };
}

export function tripMatchModel(m: TripMatchResult & { trip: Trip; priceEur: number }): TripMatchModel {
  return {
    trip: tripModel(m.trip),
    detourKm: m.detour.km,
    detourMinutes: m.detour.minutes,
    windowSlackMinutes: m.windowSlackMinutes,
    priceEur: m.priceEur,
    score: m.score,
  };
}
