import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12, the rest: calls for tenders and their lots (open calls, gaps), consortia and awards
 * (value won by the suppliers of an area), the sites' declared processes (gaps), and the pallets
 * and crates carried on a shipment (pooled loads). Keyed by the events' own ids, as before.
 */
export class AtlasTenderingAndPooling1764700000100 implements MigrationInterface {
  name = 'AtlasTenderingAndPooling1764700000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE atlas_shipment ADD COLUMN pallets int NOT NULL DEFAULT 0 CHECK (pallets >= 0)`);
    await q.query(`ALTER TABLE atlas_shipment ADD COLUMN crates int NOT NULL DEFAULT 0 CHECK (crates >= 0)`);
    await q.query(`
      CREATE TABLE atlas_capability (
        site_id text NOT NULL,
        organisation_id text NOT NULL,
        process_code text NOT NULL,
        PRIMARY KEY (site_id, process_code)
      )`);
    // status is the wire enum's number: the lifecycle only moves forward in that order, so the
    // largest status heard wins whatever order the topics arrive in.
    await q.query(`
      CREATE TABLE atlas_tender (
        id text PRIMARY KEY,
        status int NOT NULL
      )`);
    await q.query(`
      CREATE TABLE atlas_tender_lot (
        id text PRIMARY KEY,
        tender_id text NOT NULL,
        delivery_commune text,
        required_processes text[] NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX atlas_tender_lot_tender ON atlas_tender_lot (tender_id)`);
    await q.query(`
      CREATE TABLE atlas_consortium (
        id text PRIMARY KEY,
        tender_id text NOT NULL,
        member_organisation_ids text[] NOT NULL
      )`);
    await q.query(`
      CREATE TABLE atlas_consortium_share (
        consortium_id text NOT NULL,
        lot_id text NOT NULL,
        organisation_id text NOT NULL,
        share_percent double precision NOT NULL CHECK (share_percent >= 0),
        PRIMARY KEY (consortium_id, lot_id, organisation_id)
      )`);
    // One row per lot: the award, replaced by the signed contract's figures when it comes.
    await q.query(`
      CREATE TABLE atlas_award (
        lot_id text PRIMARY KEY,
        tender_id text NOT NULL,
        member_organisation_ids text[] NOT NULL,
        value_eur double precision NOT NULL CHECK (value_eur >= 0),
        source text NOT NULL CHECK (source IN ('award','contract'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['atlas_award', 'atlas_consortium_share', 'atlas_consortium', 'atlas_tender_lot', 'atlas_tender', 'atlas_capability']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`ALTER TABLE atlas_shipment DROP COLUMN crates, DROP COLUMN pallets`);
  }
}
