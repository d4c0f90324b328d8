/** A WGS84 position. */
export interface GeoPoint {
  readonly latitude: number;
  readonly longitude: number;
}

/**
 * Mean Earth radius (IUGG), km: the one radius of the platform, so that the same two places are
 * the same distance apart in every service, in SQL and in the bench.
 *
 * @example
 * ```ts
 * const chordKm = 2 * EARTH_RADIUS_KM * Math.sin(angle / 2);
 * ```
 */
export const EARTH_RADIUS_KM = 6371.0088;

/**
 * Great-circle distance in km (haversine formula), on the sphere of {@link EARTH_RADIUS_KM}.
 *
 * @example
 * ```ts
 * haversineKm({ latitude: 45.1885, longitude: 5.7245 }, { latitude: 45.764, longitude: 4.8357 }); // ~94.6 (Grenoble - Lyon)
 * ```
 */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  // min(1, ...): rounding can push h a hair above 1 for antipodal points, and asin(>1) is NaN.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * {@link haversineKm} as a SQL expression, for ordering and filtering rows by distance in Postgres:
 * the same formula and radius, so a distance computed in SQL equals the one computed here. The
 * arguments are SQL fragments (column names or parameters), pasted as they are.
 *
 * @example
 * ```ts
 * const distance = sqlHaversineKm('s.latitude', 's.longitude', '$1', '$2'); // "(2 * 6371.0088 * asin(...))"
 * ```
 */
export function sqlHaversineKm(lat: string, lon: string, centreLat: string, centreLon: string): string {
  return `(2 * ${EARTH_RADIUS_KM} * asin(least(1, sqrt(
    power(sin(radians(${lat} - ${centreLat}) / 2), 2) +
    cos(radians(${centreLat})) * cos(radians(${lat})) * power(sin(radians(${lon} - ${centreLon}) / 2), 2)))))`;
}
