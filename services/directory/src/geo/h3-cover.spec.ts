import { cellToLatLng } from 'h3-js';
import { distanceKm } from './geo';
import { coverDisc } from './h3-cover';
import { h3Cells } from './geo';

describe('coverDisc', () => {
  const grenoble = { latitude: 45.1885, longitude: 5.7245 };

  it.each([5, 30, 80, 200])('covers every point within %i km', (radius) => {
    const cover = coverDisc(grenoble, radius);
    const cells = new Set(cover.cells);
    // Points on rings at 99 % of the radius, every 10 degrees of bearing.
    for (let bearing = 0; bearing < 360; bearing += 10) {
      const d = (radius * 0.99) / 6371.0088;
      const b = (bearing * Math.PI) / 180;
      const lat1 = (grenoble.latitude * Math.PI) / 180;
      const lon1 = (grenoble.longitude * Math.PI) / 180;
      const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
      const lon2 = lon1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
      const point = { latitude: (lat2 * 180) / Math.PI, longitude: (lon2 * 180) / Math.PI };
      expect(distanceKm(grenoble, point)).toBeLessThan(radius);
      const cell = cover.column === 'h3_r7' ? h3Cells(point).r7 : h3Cells(point).r5;
      expect(cells.has(cell)).toBe(true);
    }
  });

  it('keeps the cell list bounded', () => {
    expect(coverDisc(grenoble, 40).cells.length).toBeLessThan(1_500);
    expect(coverDisc(grenoble, 200).cells.length).toBeLessThan(1_500);
    const [lat] = cellToLatLng(coverDisc(grenoble, 1).cells[0]);
    expect(Math.abs(lat - grenoble.latitude)).toBeLessThan(0.1);
  });
});
