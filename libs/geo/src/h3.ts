import { getHexagonEdgeLengthAvg, gridDisk, latLngToCell } from 'h3-js';
import type { GeoPoint } from './distance';

/**
 * H3 cells of one resolution that together cover every point within `radiusKm` of `centre`: the
 * pre-filter of a radius search (an indexed `= ANY(cells)` over a column of cells), before the exact
 * distance check on the candidates. The list grows with (radius / cell edge)², so the caller picks
 * a resolution whose cells are not much smaller than the radius.
 *
 * @example
 * ```ts
 * const cells = h3DiscCells({ latitude: 45.1885, longitude: 5.7245 }, 30, 7); // 919 cells of ~5 km2
 * ```
 */
export function h3DiscCells(centre: GeoPoint, radiusKm: number, resolution: number): string[] {
  const edge = getHexagonEdgeLengthAvg(resolution, 'km');
  // Ring k lies at least 1.5·edge·k from the centre cell; two extra rings absorb cell-size distortion.
  const k = Math.ceil(radiusKm / (1.5 * edge)) + 2;
  return gridDisk(latLngToCell(centre.latitude, centre.longitude, resolution), k);
}
