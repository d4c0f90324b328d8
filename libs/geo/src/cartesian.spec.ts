import { chordKm, earthCartesianKm } from './cartesian';
import { EARTH_RADIUS_KM, haversineKm } from './distance';

const GRENOBLE = { latitude: 45.1885, longitude: 5.7245 };
const LYON = { latitude: 45.764, longitude: 4.8357 };

const straightLineKm = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('earthCartesianKm and chordKm', () => {
  it('puts every point on the sphere of the platform radius', () => {
    expect(Math.hypot(...earthCartesianKm(GRENOBLE))).toBeCloseTo(EARTH_RADIUS_KM, 6);
    expect(earthCartesianKm({ latitude: 90, longitude: 0 })[2]).toBeCloseTo(EARTH_RADIUS_KM, 6);
  });

  it('gives as chord of the great-circle distance the straight line between the two Cartesian points', () => {
    const chord = straightLineKm(earthCartesianKm(GRENOBLE), earthCartesianKm(LYON));
    expect(chordKm(haversineKm(GRENOBLE, LYON))).toBeCloseTo(chord, 6);
    // A chord is shorter than its arc, by little at regional distances.
    expect(chord).toBeLessThan(haversineKm(GRENOBLE, LYON));
    expect(chord).toBeGreaterThan(haversineKm(GRENOBLE, LYON) - 0.01);
  });

  it('grows with the distance up to the diameter, and stays there past half the circumference', () => {
    expect(chordKm(0)).toBe(0);
    expect(chordKm(100)).toBeLessThan(chordKm(200));
    expect(chordKm(Math.PI * EARTH_RADIUS_KM)).toBeCloseTo(2 * EARTH_RADIUS_KM, 6);
    expect(chordKm(2 * Math.PI * EARTH_RADIUS_KM)).toBeCloseTo(2 * EARTH_RADIUS_KM, 6);
  });
});
