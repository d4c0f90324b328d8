import { GreatCircleRoadDistance, haversineKm, routeKm } from './road-distance';

const GRENOBLE = { latitude: 45.1885, longitude: 5.7245 };
const LYON = { latitude: 45.764, longitude: 4.8357 };
const VOIRON = { latitude: 45.3642, longitude: 5.5897 };

describe('road distance approximation', () => {
  it('computes the great-circle distance Grenoble - Lyon (about 95 km)', () => {
    expect(haversineKm(GRENOBLE, LYON)).toBeGreaterThan(93);
    expect(haversineKm(GRENOBLE, LYON)).toBeLessThan(97);
    expect(haversineKm(LYON, LYON)).toBe(0);
  });

  it('multiplies by the road factor (1.3 by default) and derives minutes from the average speed', () => {
    const road = new GreatCircleRoadDistance();
    const leg = road.leg(GRENOBLE, LYON);
    expect(leg.km).toBeCloseTo(haversineKm(GRENOBLE, LYON) * 1.3, 6);
    expect(leg.minutes).toBeCloseTo((leg.km / 60) * 60, 6);
    const custom = new GreatCircleRoadDistance(1.2, 80);
    expect(custom.leg(GRENOBLE, LYON).km).toBeCloseTo(haversineKm(GRENOBLE, LYON) * 1.2, 6);
  });

  it('refuses a road factor below 1 and a non-positive speed', () => {
    expect(() => new GreatCircleRoadDistance(0.9)).toThrow(/road factor/);
    expect(() => new GreatCircleRoadDistance(1.3, 0)).toThrow(/speed/);
  });

  it('sums a route leg by leg', () => {
    const road = new GreatCircleRoadDistance();
    const via = routeKm(road, [GRENOBLE, VOIRON, LYON]);
    expect(via).toBeGreaterThan(road.leg(GRENOBLE, LYON).km);
    expect(via).toBeCloseTo(road.leg(GRENOBLE, VOIRON).km + road.leg(VOIRON, LYON).km, 9);
  });
});
