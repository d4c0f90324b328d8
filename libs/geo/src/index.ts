/**
 * `@rim/geo`: distance on the sphere, once for the platform (one Earth radius).
 *
 * @example
 * ```ts
 * import { haversineKm, EARTH_RADIUS_KM, type GeoPoint } from '@rim/geo';
 * ```
 *
 * @packageDocumentation
 */
export { EARTH_RADIUS_KM, haversineKm, type GeoPoint } from './distance';
export { sqlHaversineKm } from './distance';
export { chordKm, earthCartesianKm } from './cartesian';
export { h3DiscCells } from './h3';
