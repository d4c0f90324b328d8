import { GreatCircleRoadDistance } from '../geo/road-distance';
import { capacityFits, cheapestInsertion, evaluate, loadCompatible, rankTrips, temperatureFits, type CandidateTrip, type ShipmentNeed } from './matching';

const road = new GreatCircleRoadDistance();
const GRENOBLE = { latitude: 45.1885, longitude: 5.7245 };
const LYON = { latitude: 45.764, longitude: 4.8357 };
const VOIRON = { latitude: 45.3642, longitude: 5.5897 };
const CHAMBERY = { latitude: 45.5646, longitude: 5.9178 };
const at = (h: number) => new Date(Date.UTC(2026, 11, 1, h));

function trip(over: Partial<CandidateTrip> = {}): CandidateTrip {
  return {
    id: 't1',
    route: [GRENOBLE, LYON],
    departureEarliest: at(6),
    departureLatest: at(8),
    remaining: { pallets: 10, crates: 0, kg: 3000 },
    temperatureZone: 'AMBIENT',
    loadClasses: ['FOOD'],
    organicOnly: false,
    maxDetourKm: 30,
    maxDetourMinutes: 40,
    ...over,
  };
}

function need(over: Partial<ShipmentNeed> = {}): ShipmentNeed {
  return {
    pickup: VOIRON,
    dropoff: LYON,
    pickupEarliest: at(5),
    pickupLatest: at(10),
    dropoffEarliest: at(6),
    dropoffLatest: at(14),
    quantities: { pallets: 4, crates: 0, kg: 800 },
    temperatureZone: 'AMBIENT',
    loadClass: 'FOOD',
    organic: false,
    maxTimeInVehicleMinutes: null,
    ...over,
  };
}

describe('matching filters', () => {
  it('never puts a chilled or frozen load in an ambient-only vehicle, nor chilled in a freezer', () => {
    expect(temperatureFits('AMBIENT', 'CHILLED')).toBe(false);
    expect(temperatureFits('FROZEN', 'CHILLED')).toBe(false);
    expect(temperatureFits('CHILLED', 'CHILLED')).toBe(true);
    expect(temperatureFits('CHILLED', 'AMBIENT')).toBe(true);
    expect(evaluate(road, trip(), need({ temperatureZone: 'CHILLED' }))).toBe('temperature');
  });

  it('keeps food away from chemicals and non-organic loads off organic-only trips', () => {
    expect(loadCompatible({ loadClasses: ['FOOD'], organicOnly: false }, { loadClass: 'CHEMICALS', organic: false })).toBe(false);
    expect(loadCompatible({ loadClasses: ['GENERAL'], organicOnly: false }, { loadClass: 'CHEMICALS', organic: false })).toBe(true);
    expect(loadCompatible({ loadClasses: [], organicOnly: true }, { loadClass: 'FOOD', organic: false })).toBe(false);
    expect(evaluate(road, trip(), need({ loadClass: 'CHEMICALS' }))).toBe('compatibility');
  });

  it('requires capacity in every unit', () => {
    expect(capacityFits({ pallets: 2, crates: 5, kg: 100 }, { pallets: 2, crates: 5, kg: 100 })).toBe(true);
    expect(capacityFits({ pallets: 2, crates: 5, kg: 100 }, { pallets: 3, crates: 0, kg: 0 })).toBe(false);
    expect(evaluate(road, trip(), need({ quantities: { pallets: 11, crates: 0, kg: 0 } }))).toBe('capacity');
  });

  it('costs no detour for a load on the route, and refuses one beyond the owner limit', () => {
    const onRoute = cheapestInsertion(road, [GRENOBLE, LYON], GRENOBLE, LYON);
    expect(onRoute.km).toBeCloseTo(0, 9);
    const viaVoiron = cheapestInsertion(road, [GRENOBLE, LYON], VOIRON, LYON);
    expect(viaVoiron.km).toBeGreaterThan(0);
    expect(viaVoiron.km).toBeLessThan(15);
    expect(evaluate(road, trip(), need({ pickup: CHAMBERY }))).toBe('detour');
  });

  it('checks the time windows against the departure window plus driving time', () => {
    expect(evaluate(road, trip(), need({ pickupEarliest: at(12), pickupLatest: at(13) }))).toBe('time-window');
    expect(evaluate(road, trip(), need({ dropoffEarliest: at(1), dropoffLatest: at(6) }))).toBe('time-window');
    expect(evaluate(road, trip(), need({ maxTimeInVehicleMinutes: 10 }))).toBe('time-in-vehicle');
  });

  it('ranks the trip with the least added detour first and drops those that cannot carry the load', () => {
    const ranked = rankTrips(
      road,
      [
        trip({ id: 'via-chambery', route: [CHAMBERY, LYON], maxDetourKm: 80, maxDetourMinutes: 90 }),
        trip({ id: 'direct' }),
        trip({ id: 'chilled-only-full', remaining: { pallets: 1, crates: 0, kg: 100 } }),
      ],
      need(),
    );
    expect(ranked.map((r) => r.tripId)).toEqual(['direct', 'via-chambery']);
    expect(ranked[0].detour.km).toBeLessThan(ranked[1].detour.km);
  });
});
