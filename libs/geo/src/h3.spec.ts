import { cellToLatLng, latLngToCell } from 'h3-js';
import { EARTH_RADIUS_KM, haversineKm, type GeoPoint } from './distance';
import { h3DiscCells } from './h3';

const GRENOBLE = { latitude: 45.1885, longitude: 5.7245 };

/** The point `distanceKm` from `origin` along the initial bearing `bearingDeg` (great circle). */
function destination(origin: GeoPoint, bearingDeg: number, distanceKm: number): GeoPoint {
  const d = distanceKm / EARTH_RADIUS_KM;
  const b = (bearingDeg * Math.PI) / 180;
  const lat1 = (origin.latitude * Math.PI) / 180;
  const lon1 = (origin.longitude * Math.PI) / 180;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lon2 = lon1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { latitude: (lat2 * 180) / Math.PI, longitude: (lon2 * 180) / Math.PI };
}

describe('h3DiscCells', () => {
  it.each([
    [5, 7],
    [30, 7],
    [40, 7],
    [80, 5],
    [200, 5],
  ])('covers every point within %i km at resolution %i', (radius, resolution) => {
    const cells = new Set(h3DiscCells(GRENOBLE, radius, resolution));
    // Points on a ring at 99 % of the radius, every 10 degrees of bearing.
    for (let bearing = 0; bearing < 360; bearing += 10) {
      const point = destination(GRENOBLE, bearing, radius * 0.99);
      expect(haversineKm(GRENOBLE, point)).toBeLessThan(radius);
      expect(cells.has(latLngToCell(point.latitude, point.longitude, resolution))).toBe(true);
    }
  });

  it('does not cover a point well outside the disc (the cover is a pre-filter, not the whole map)', () => {
    const cells = new Set(h3DiscCells(GRENOBLE, 5, 7));
    const far = destination(GRENOBLE, 90, 50);
    expect(cells.has(latLngToCell(far.latitude, far.longitude, 7))).toBe(false);
  });

  it('keeps the cell list bounded, centred on the centre cell', () => {
    expect(h3DiscCells(GRENOBLE, 40, 7).length).toBeLessThan(1_500);
    expect(h3DiscCells(GRENOBLE, 200, 5).length).toBeLessThan(1_500);
    const [lat] = cellToLatLng(h3DiscCells(GRENOBLE, 1, 7)[0]);
    expect(Math.abs(lat - GRENOBLE.latitude)).toBeLessThan(0.1);
  });
});
