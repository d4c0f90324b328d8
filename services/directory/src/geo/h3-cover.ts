import { getHexagonEdgeLengthAvg, gridDisk, latLngToCell } from 'h3-js';
import type { GeoPoint } from './geo';

export interface H3Cover {
  column: 'h3_r5' | 'h3_r7';
  cells: string[];
}

/**
 * H3 cells that cover a disc: the pre-filter of a radius search (an indexed `= ANY(cells)`), before
 * the exact distance check on the candidates. Small radii use resolution 7, larger ones resolution
 * 5, so the cell list stays under ~1 500 entries.
 */
export function coverDisc(centre: GeoPoint, radiusKm: number): H3Cover {
  const res = radiusKm <= 40 ? 7 : 5;
  const edge = getHexagonEdgeLengthAvg(res, 'km');
  // Ring k lies at least 1.5·edge·k from the centre cell; two extra rings absorb cell-size distortion.
  const k = Math.ceil(radiusKm / (1.5 * edge)) + 2;
  return { column: res === 7 ? 'h3_r7' : 'h3_r5', cells: gridDisk(latLngToCell(centre.latitude, centre.longitude, res), k) };
}
