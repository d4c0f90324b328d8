import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nearest-first supplier search (issue 3, performance). A radius search used to take every site of
 * the disc (tens of thousands at 100 000 organisations), compute its distance, deduplicate per
 * organisation and sort before the LIMIT: 0.8 s at p50. Each site now also has its position as a
 * point on the Earth sphere (ECEF, km) in a `cube` with a GiST index: `geo <-> centre` (the chord,
 * which orders exactly like the great-circle distance) is a KNN index order, so the scan stops as
 * soon as a page is full, and `geo <@ box` bounds it to the radius.
 *
 * Name searches without a centre are ordered by (legal_name, id): a btree on both lets the page
 * walk names in order instead of sorting every match.
 */
export class NearestFirstSearch1763900000300 implements MigrationInterface {
  name = 'NearestFirstSearch1763900000300';

  async up(q: QueryRunner): Promise<void> {
    // cube is a trusted extension (PostgreSQL 13+): a database owner may create it.
    await q.query(`CREATE EXTENSION IF NOT EXISTS cube`);
    // Same mean Earth radius as the haversine in geo.ts; earthPoint() there computes a centre alike.
    await q.query(`
      ALTER TABLE site ADD COLUMN geo cube GENERATED ALWAYS AS (cube(ARRAY[
        6371.0088 * cos(radians(latitude)) * cos(radians(longitude)),
        6371.0088 * cos(radians(latitude)) * sin(radians(longitude)),
        6371.0088 * sin(radians(latitude))])) STORED`);
    await q.query(`CREATE INDEX site_geo ON site USING gist (geo)`);
    await q.query(`CREATE INDEX organisation_name_order ON organisation (legal_name, id)`);
    await q.query(`CREATE INDEX spare_capacity_site ON spare_capacity (site_id) WHERE NOT expired`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX spare_capacity_site`);
    await q.query(`DROP INDEX organisation_name_order`);
    await q.query(`ALTER TABLE site DROP COLUMN geo`);
  }
}
