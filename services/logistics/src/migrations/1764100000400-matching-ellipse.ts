import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A second, tighter matching prefilter for direct trips (no intermediate stop), the common case.
 * The corridor box (1764100000200) is loose for a diagonal route; the exact bound is an ellipse:
 * whatever the insertion, the detour in great-circle km is at least d(O,P) + d(P,D) - d(O,D) for
 * the pickup P and for the drop-off alone, and road km >= great-circle km. The flat-earth distance
 * below differs from the great circle by well under 1 % at regional scale; 1 % + 0.5 km of slack
 * keep the test on the safe side (matching-corridor.integration-spec.ts checks no match is lost).
 */
export class MatchingEllipse1764100000400 implements MigrationInterface {
  name = 'MatchingEllipse1764100000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION flat_km(lat1 double precision, lon1 double precision, lat2 double precision, lon2 double precision)
      RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT 111.19 * sqrt((lat2 - lat1) ^ 2 + ((lon2 - lon1) * cos(radians((lat1 + lat2) / 2))) ^ 2)
      $$`);
    for (const [column, expression] of [
      ['origin_lat', `(origin ->> 'latitude')::double precision`],
      ['origin_lon', `(origin ->> 'longitude')::double precision`],
      ['destination_lat', `(destination ->> 'latitude')::double precision`],
      ['destination_lon', `(destination ->> 'longitude')::double precision`],
    ]) {
      await q.query(`ALTER TABLE trip ADD COLUMN ${column} double precision GENERATED ALWAYS AS (${expression}) STORED`);
    }
    await q.query(`ALTER TABLE trip ADD COLUMN stop_count int GENERATED ALWAYS AS (jsonb_array_length(stops)) STORED`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of ['stop_count', 'destination_lon', 'destination_lat', 'origin_lon', 'origin_lat']) {
      await q.query(`ALTER TABLE trip DROP COLUMN ${column}`);
    }
    await q.query(`DROP FUNCTION flat_km(double precision, double precision, double precision, double precision)`);
  }
}
