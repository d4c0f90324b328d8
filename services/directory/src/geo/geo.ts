import { latLngToCell } from 'h3-js';
import { h3DiscCells, type GeoPoint } from '@rim/geo';

/** H3 resolutions stored per site: r5 (~250 km2) for wide searches, r7 (~5 km2), r9 (~0.1 km2). */
export const H3_RESOLUTIONS = [5, 7, 9] as const;

/** The H3 cells of a point at the resolutions of the `site.h3_r5`, `h3_r7` and `h3_r9` columns. */
export function h3Cells(p: GeoPoint): { r5: string; r7: string; r9: string } {
  return {
    r5: latLngToCell(p.latitude, p.longitude, 5),
    r7: latLngToCell(p.latitude, p.longitude, 7),
    r9: latLngToCell(p.latitude, p.longitude, 9),
  };
}

/** Which site column a radius search pre-filters on, and the cells of it that cover the disc. */
export interface H3Cover {
  column: 'h3_r5' | 'h3_r7';
  cells: string[];
}

/** Radii up to this use the finer r7 column; larger ones r5, so the cell list stays under ~1 500 entries. */
export const FINE_COVER_MAX_KM = 40;

/**
 * The pre-filter of a radius search over sites: an indexed `= ANY(cells)` on the column whose
 * resolution suits the radius, before the exact distance check on the candidates.
 */
export function coverDisc(centre: GeoPoint, radiusKm: number): H3Cover {
  return radiusKm <= FINE_COVER_MAX_KM
    ? { column: 'h3_r7', cells: h3DiscCells(centre, radiusKm, 7) }
    : { column: 'h3_r5', cells: h3DiscCells(centre, radiusKm, 5) };
}
