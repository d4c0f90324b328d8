import type { LoadQuantities, TemperatureZoneName } from '../carbon/carbon';
import type { GeoPoint, RoadDistance } from '../geo/road-distance';

export type LoadClassName = 'FOOD' | 'CHEMICALS' | 'GENERAL';

export interface CandidateTrip {
  id: string;
  route: GeoPoint[]; // origin, stops in order, destination
  departureEarliest: Date;
  departureLatest: Date;
  remaining: LoadQuantities;
  temperatureZone: TemperatureZoneName;
  /** Load classes already on board (the owner's and accepted shipments'). */
  loadClasses: LoadClassName[];
  organicOnly: boolean;
  maxDetourKm: number;
  maxDetourMinutes: number;
}

export interface ShipmentNeed {
  pickup: GeoPoint;
  dropoff: GeoPoint;
  pickupEarliest: Date;
  pickupLatest: Date;
  dropoffEarliest: Date;
  dropoffLatest: Date;
  quantities: LoadQuantities;
  temperatureZone: TemperatureZoneName;
  loadClass: LoadClassName;
  organic: boolean;
  maxTimeInVehicleMinutes: number | null;
}

export interface Detour {
  km: number;
  minutes: number;
  /** Driving minutes from the trip's departure to the pickup and to the drop-off, with the detour. */
  minutesToPickup: number;
  minutesToDropoff: number;
}

export type Rejection = 'temperature' | 'compatibility' | 'capacity' | 'detour' | 'time-window' | 'time-in-vehicle';

export interface TripMatchResult {
  tripId: string;
  detour: Detour;
  /** Minutes of slack in the tighter of the two windows (more is safer). */
  windowSlackMinutes: number;
  score: number;
}

/**
 * A chilled or frozen load needs a vehicle at exactly that temperature; an ambient load travels in
 * anything. Chilled goods in a freezer are spoiled goods.
 */
export function temperatureFits(trip: TemperatureZoneName, load: TemperatureZoneName): boolean {
  return load === 'AMBIENT' || trip === load;
}

/** Food never shares a vehicle with chemicals; an organic-only trip takes only organic loads. */
export function loadCompatible(trip: Pick<CandidateTrip, 'loadClasses' | 'organicOnly'>, need: Pick<ShipmentNeed, 'loadClass' | 'organic'>): boolean {
  const clash = (a: LoadClassName, b: LoadClassName) =>
    (a === 'FOOD' && b === 'CHEMICALS') || (a === 'CHEMICALS' && b === 'FOOD');
  if (trip.loadClasses.some((c) => clash(c, need.loadClass))) return false;
  return !trip.organicOnly || need.organic;
}

export function capacityFits(remaining: LoadQuantities, needed: LoadQuantities): boolean {
  return remaining.pallets >= needed.pallets && remaining.crates >= needed.crates && remaining.kg >= needed.kg;
}

/**
 * Cheapest insertion of pickup then drop-off into the route (pickup before drop-off), in added road
 * km. Routes have a handful of points, so trying every pair of segments is cheap.
 */
export function cheapestInsertion(road: RoadDistance, route: GeoPoint[], pickup: GeoPoint, dropoff: GeoPoint): Detour {
  const seg = (a: GeoPoint, b: GeoPoint) => road.leg(a, b);
  const cumMinutes: number[] = [0];
  for (let i = 1; i < route.length; i++) cumMinutes[i] = cumMinutes[i - 1] + seg(route[i - 1], route[i]).minutes;
  let best: Detour | null = null;
  for (let a = 0; a < route.length - 1; a++) {
    for (let b = a; b < route.length - 1; b++) {
      let km: number;
      let minutes: number;
      let toPickup: number;
      let toDropoff: number;
      const base = seg(route[a], route[a + 1]);
      const rp = seg(route[a], pickup);
      if (a === b) {
        const pd = seg(pickup, dropoff);
        const dn = seg(dropoff, route[a + 1]);
        km = rp.km + pd.km + dn.km - base.km;
        minutes = rp.minutes + pd.minutes + dn.minutes - base.minutes;
        toPickup = cumMinutes[a] + rp.minutes;
        toDropoff = toPickup + pd.minutes;
      } else {
        const pn = seg(pickup, route[a + 1]);
        const baseB = seg(route[b], route[b + 1]);
        const rd = seg(route[b], dropoff);
        const dn = seg(dropoff, route[b + 1]);
        const kmA = rp.km + pn.km - base.km;
        const minA = rp.minutes + pn.minutes - base.minutes;
        km = kmA + rd.km + dn.km - baseB.km;
        minutes = minA + rd.minutes + dn.minutes - baseB.minutes;
        toPickup = cumMinutes[a] + rp.minutes;
        toDropoff = cumMinutes[b] + minA + rd.minutes;
      }
      if (!best || km < best.km) best = { km, minutes, minutesToPickup: toPickup, minutesToDropoff: toDropoff };
    }
  }
  if (!best) throw new Error('a route needs at least two points');
  return best;
}

const MINUTE = 60_000;

/** Slack (minutes) of an arrival interval inside a window: negative when they do not overlap. */
function overlapMinutes(fromMs: number, toMs: number, windowStart: Date, windowEnd: Date): number {
  return (Math.min(toMs, windowEnd.getTime()) - Math.max(fromMs, windowStart.getTime())) / MINUTE;
}

/** Why a trip cannot carry a shipment, or the match with its detour. */
export function evaluate(road: RoadDistance, trip: CandidateTrip, need: ShipmentNeed): TripMatchResult | Rejection {
  if (!temperatureFits(trip.temperatureZone, need.temperatureZone)) return 'temperature';
  if (!loadCompatible(trip, need)) return 'compatibility';
  if (!capacityFits(trip.remaining, need.quantities)) return 'capacity';
  const detour = cheapestInsertion(road, trip.route, need.pickup, need.dropoff);
  // Rounding slack: a pickup exactly on the route may come out at -1e-12 km.
  if (detour.km > trip.maxDetourKm + 1e-9 || detour.minutes > trip.maxDetourMinutes + 1e-9) return 'detour';
  const inVehicle = detour.minutesToDropoff - detour.minutesToPickup;
  if (need.maxTimeInVehicleMinutes !== null && inVehicle > need.maxTimeInVehicleMinutes) return 'time-in-vehicle';
  const dep0 = trip.departureEarliest.getTime();
  const dep1 = trip.departureLatest.getTime();
  const pickupSlack = overlapMinutes(dep0 + detour.minutesToPickup * MINUTE, dep1 + detour.minutesToPickup * MINUTE, need.pickupEarliest, need.pickupLatest);
  const dropoffSlack = overlapMinutes(dep0 + detour.minutesToDropoff * MINUTE, dep1 + detour.minutesToDropoff * MINUTE, need.dropoffEarliest, need.dropoffLatest);
  if (pickupSlack < 0 || dropoffSlack < 0) return 'time-window';
  const windowSlackMinutes = Math.min(pickupSlack, dropoffSlack);
  // Lower is better: detour km dominates; a tight window costs up to 10 km-equivalent.
  const score = detour.km + detour.minutes / 6 + 10 / (1 + windowSlackMinutes / 30);
  return { tripId: trip.id, detour, windowSlackMinutes, score };
}

/** Trips that can carry the shipment, best (least added detour, most slack) first. */
export function rankTrips(road: RoadDistance, trips: CandidateTrip[], need: ShipmentNeed): TripMatchResult[] {
  const out: TripMatchResult[] = [];
  for (const trip of trips) {
    const r = evaluate(road, trip, need);
    if (typeof r !== 'string') out.push(r);
  }
  return out.sort((x, y) => x.score - y.score || x.tripId.localeCompare(y.tripId));
}
