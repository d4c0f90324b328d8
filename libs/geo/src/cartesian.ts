import { EARTH_RADIUS_KM, type GeoPoint } from './distance';

/**
 * A point of the sphere of {@link EARTH_RADIUS_KM} in Cartesian coordinates (km), as Postgres'
 * `cube` / `earthdistance` columns store it. The straight-line (chord) distance between two such
 * points grows with the great-circle distance, so ordering by it is ordering by distance, which a
 * GiST index can do (nearest-neighbour search).
 *
 * @example
 * ```ts
 * const [x, y, z] = earthCartesianKm({ latitude: 45.1885, longitude: 5.7245 });
 * ```
 */
export function earthCartesianKm(p: GeoPoint): [number, number, number] {
  const rad = Math.PI / 180;
  const lat = p.latitude * rad;
  const lon = p.longitude * rad;
  return [EARTH_RADIUS_KM * Math.cos(lat) * Math.cos(lon), EARTH_RADIUS_KM * Math.cos(lat) * Math.sin(lon), EARTH_RADIUS_KM * Math.sin(lat)];
}

/**
 * Chord length (km) between two points {@link earthCartesianKm} maps, given their great-circle
 * distance: the bound of a radius search over Cartesian points. Distances past half the
 * circumference are taken as antipodal.
 *
 * @example
 * ```ts
 * chordKm(100); // just under 100
 * ```
 */
export function chordKm(greatCircleKm: number): number {
  return 2 * EARTH_RADIUS_KM * Math.sin(Math.min(Math.PI, greatCircleKm / EARTH_RADIUS_KM) / 2);
}
