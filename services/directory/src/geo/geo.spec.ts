import { getResolution } from 'h3-js';
import { coverDisc, FINE_COVER_MAX_KM, h3Cells } from './geo';

const GRENOBLE = { latitude: 45.1885, longitude: 5.7245 };

describe('geo: the H3 cells of sites', () => {
  it('gives nested H3 cells at three resolutions', () => {
    const cells = h3Cells(GRENOBLE);
    expect(cells.r5).toMatch(/^85/);
    expect(cells.r7).toMatch(/^87/);
    expect(cells.r9).toMatch(/^89/);
  });

  it.each([
    [5, 'h3_r7', 7],
    [FINE_COVER_MAX_KM, 'h3_r7', 7],
    [FINE_COVER_MAX_KM + 1, 'h3_r5', 5],
    [200, 'h3_r5', 5],
  ] as const)('covers a %i km disc on the column %s, with cells of its resolution', (radius, column, resolution) => {
    const cover = coverDisc(GRENOBLE, radius);
    expect(cover.column).toBe(column);
    expect(cover.cells.every((cell) => getResolution(cell) === resolution)).toBe(true);
    // The centre's own cell, as the site stores it, is in the cover.
    expect(cover.cells).toContain(column === 'h3_r7' ? h3Cells(GRENOBLE).r7 : h3Cells(GRENOBLE).r5);
  });
});
