import { EARTH_RADIUS_KM, haversineKm } from './distance';

const GRENOBLE = { latitude: 45.1885, longitude: 5.7245 };
const LYON = { latitude: 45.764, longitude: 4.8357 };

describe('haversineKm', () => {
  it('measures Grenoble - Lyon as the crow flies, about 94.6 km', () => {
    expect(haversineKm(GRENOBLE, LYON)).toBeCloseTo(94.6, 0);
  });

  it('is zero for one place and the same both ways', () => {
    expect(haversineKm(LYON, LYON)).toBe(0);
    expect(haversineKm(GRENOBLE, LYON)).toBe(haversineKm(LYON, GRENOBLE));
  });

  it('uses the mean radius: a quarter of a meridian is pi/2 radii', () => {
    expect(haversineKm({ latitude: 0, longitude: 0 }, { latitude: 90, longitude: 0 })).toBeCloseTo((Math.PI / 2) * EARTH_RADIUS_KM, 6);
  });

  it('stays a number for antipodal points, where rounding pushes the haversine above 1', () => {
    expect(haversineKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 6);
  });
});
