import { latLngToCell } from 'h3-js';
import { EARTH_RADIUS_KM, haversineKm } from '@rim/geo';

/** H3 resolutions stored per site: r5 (~250 km2) for wide searches, r7 (~5 km2), r9 (~0.1 km2). */
export const H3_RESOLUTIONS = [5, 7, 9] as const;

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export function h3Cells(p: GeoPoint): { r5: string; r7: string; r9: string } {
  return {
    r5: latLngToCell(p.latitude, p.longitude, 5),
    r7: latLngToCell(p.latitude, p.longitude, 7),
    r9: latLngToCell(p.latitude, p.longitude, 9),
  };
}

/** Great-circle distance in km (haversine), the platform's one formula. */
export const distanceKm = haversineKm;

/** The same haversine as SQL, over columns `lat`/`lon` and parameters for the centre. */
export function sqlDistanceKm(lat: string, lon: string, centreLat: string, centreLon: string): string {
  return `(2 * ${EARTH_RADIUS_KM} * asin(least(1, sqrt(
    power(sin(radians(${lat} - ${centreLat}) / 2), 2) +
    cos(radians(${centreLat})) * cos(radians(${lat})) * power(sin(radians(${lon} - ${centreLon}) / 2), 2)))))`;
}

/**
 * A point on the Earth sphere in Cartesian coordinates (km), as the `site.geo` cube column stores
 * it. The straight-line (chord) distance between two such points grows with the great-circle
 * distance, so ordering by it is ordering by distance, and a GiST index can do it (KNN).
 */
export function earthPoint(p: GeoPoint): [number, number, number] {
  const rad = Math.PI / 180;
  const lat = p.latitude * rad;
  const lon = p.longitude * rad;
  return [EARTH_RADIUS_KM * Math.cos(lat) * Math.cos(lon), EARTH_RADIUS_KM * Math.cos(lat) * Math.sin(lon), EARTH_RADIUS_KM * Math.sin(lat)];
}

/** Chord length (km) of a great-circle distance: the bound of a radius search on `site.geo`. */
export function chordKm(greatCircleKm: number): number {
  return 2 * EARTH_RADIUS_KM * Math.sin(Math.min(Math.PI, greatCircleKm / EARTH_RADIUS_KM) / 2);
}
