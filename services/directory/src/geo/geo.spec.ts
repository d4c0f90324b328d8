import { distanceKm, h3Cells } from './geo';

describe('geo', () => {
  it('computes great-circle distances (Grenoble to Lyon is about 94 km as the crow flies)', () => {
    const d = distanceKm({ latitude: 45.1885, longitude: 5.7245 }, { latitude: 45.764, longitude: 4.8357 });
    expect(d).toBeGreaterThan(90);
    expect(d).toBeLessThan(98);
  });

  it('is zero for the same point and symmetric', () => {
    const a = { latitude: 45.19, longitude: 5.72 };
    const b = { latitude: 45.36, longitude: 5.59 };
    expect(distanceKm(a, a)).toBe(0);
    expect(distanceKm(a, b)).toBeCloseTo(distanceKm(b, a), 9);
  });

  it('gives nested H3 cells at three resolutions', () => {
    const cells = h3Cells({ latitude: 45.1885, longitude: 5.7245 });
    expect(cells.r5).toMatch(/^85/);
    expect(cells.r7).toMatch(/^87/);
    expect(cells.r9).toMatch(/^89/);
  });
});
