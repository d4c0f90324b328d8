import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A trip's corridor: the box (longitude, latitude) outside which no pickup or drop-off can be
 * reached within its maximum detour, so matching reads only the trips whose corridor holds both
 * points (GiST index) instead of every open trip.
 *
 * Why the margin is safe: inserting a point P between two route points A and B adds
 * d(A,P) + d(P,B) - d(A,B); keeping that under D puts P inside the ellipse with foci A and B and
 * semi-major (L + D) / 2 (L = d(A,B)), every point of which lies within its semi-minor axis
 * b = sqrt(D (2L + D)) / 2 of the segment AB. A pickup and a drop-off inserted in different
 * segments each add a non-negative part of the detour, so each alone is within its segment's
 * ellipse. L <= route km and road km >= great-circle km (road factor >= 1), so using the stored
 * road km for both L and D only widens the box. 5 % + 1 km absorb the flat-degree approximation.
 * services/logistics/test/matching-corridor.integration-spec.ts checks that the prefilter never
 * drops a trip the full evaluation would match.
 */
export class MatchingCorridor1764100000200 implements MigrationInterface {
  name = 'MatchingCorridor1764100000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION trip_corridor(origin jsonb, stops jsonb, destination jsonb, route_km double precision, max_detour_km double precision)
      RETURNS box LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        WITH pts AS (
          SELECT (p ->> 'latitude')::double precision AS lat, (p ->> 'longitude')::double precision AS lon
            FROM jsonb_array_elements(jsonb_build_array(origin) || stops || jsonb_build_array(destination)) AS p
        ), b AS (
          SELECT min(lat) AS lat0, max(lat) AS lat1, min(lon) AS lon0, max(lon) AS lon1,
                 (sqrt(max_detour_km * (2 * route_km + max_detour_km)) / 2 * 1.05 + 1) / 111.19 AS m
            FROM pts
        ), c AS (
          -- Degrees of longitude per degree of latitude shrink towards the pole: take the widest.
          SELECT *, m / cos(radians(least(85, greatest(abs(lat0), abs(lat1)) + m))) AS mlon FROM b
        )
        SELECT box(point(lon0 - mlon, lat0 - m), point(lon1 + mlon, lat1 + m)) FROM c
      $$`);
    await q.query(`
      ALTER TABLE trip ADD COLUMN corridor box
        GENERATED ALWAYS AS (trip_corridor(origin, stops, destination, route_km, max_detour_km)) STORED`);
    await q.query(`CREATE INDEX trip_open_corridor ON trip USING gist (corridor) WHERE status = 'OPEN'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX trip_open_corridor`);
    await q.query(`ALTER TABLE trip DROP COLUMN corridor`);
    await q.query(`DROP FUNCTION trip_corridor(jsonb, jsonb, jsonb, double precision, double precision)`);
  }
}
