import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The atlas's facts, one table per kind of thing it hears about, keyed by the id in the event so a
 * repeated or reordered event lands on the same row. Organisation ids stay here: nothing published
 * carries one. `atlas_revision` is bumped in every inbox transaction; the publisher polls it, so it
 * recomputes only after a commit. `atlas_daily_value` is the history of the published values.
 */
export class AtlasReadModel1764400000100 implements MigrationInterface {
  name = 'AtlasReadModel1764400000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE atlas_organisation (
        id text PRIMARY KEY,
        naf_code text NOT NULL DEFAULT '',
        naf_section text,
        tier int,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE atlas_site (
        id text PRIMARY KEY,
        organisation_id text NOT NULL,
        commune text,
        h3r7 text,
        added_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX atlas_site_organisation ON atlas_site (organisation_id)`);
    await q.query(`
      CREATE TABLE atlas_asset (
        id text PRIMARY KEY,
        organisation_id text NOT NULL,
        kind text NOT NULL DEFAULT '',
        commune text,
        h3r7 text,
        weekly_open_hours double precision NOT NULL DEFAULT 0 CHECK (weekly_open_hours >= 0),
        listed boolean NOT NULL DEFAULT false
      )`);
    await q.query(`
      CREATE TABLE atlas_capacity (
        id text PRIMARY KEY,
        organisation_id text NOT NULL,
        site_id text,
        hours double precision NOT NULL CHECK (hours >= 0),
        window_end timestamptz
      )`);
    await q.query(`
      CREATE TABLE atlas_booking (
        id text PRIMARY KEY,
        organisation_id text NOT NULL,
        commune text,
        h3r7 text,
        slot_start timestamptz,
        slot_end timestamptz,
        status text NOT NULL CHECK (status IN ('CONFIRMED','CANCELLED','COMPLETED'))
      )`);
    await q.query(`
      CREATE TABLE atlas_trip (
        id text PRIMARY KEY,
        organisation_id text NOT NULL,
        commune text,
        h3r7 text,
        destination_commune text,
        posted_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE TABLE atlas_trip_load (offer_id text PRIMARY KEY, trip_id text NOT NULL)`);
    await q.query(`CREATE INDEX atlas_trip_load_trip ON atlas_trip_load (trip_id)`);
    await q.query(`
      CREATE TABLE atlas_shipment (
        id text PRIMARY KEY,
        organisation_id text NOT NULL,
        commune text,
        h3r7 text,
        co2_avoided_kg double precision NOT NULL DEFAULT 0,
        km_avoided double precision NOT NULL DEFAULT 0,
        delivered_at timestamptz
      )`);
    await q.query(`CREATE TABLE atlas_revision (id int PRIMARY KEY CHECK (id = 1), revision bigint NOT NULL)`);
    await q.query(`INSERT INTO atlas_revision (id, revision) VALUES (1, 0)`);
    await q.query(`
      CREATE TABLE atlas_daily_value (
        day date NOT NULL,
        level text NOT NULL,
        code text NOT NULL,
        indicator text NOT NULL,
        breakdown text NOT NULL DEFAULT '',
        value double precision,
        withheld boolean NOT NULL,
        withheld_reason text,
        PRIMARY KEY (level, code, indicator, breakdown, day),
        CONSTRAINT atlas_daily_value_withheld CHECK (withheld = (value IS NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['atlas_daily_value', 'atlas_revision', 'atlas_shipment', 'atlas_trip_load', 'atlas_trip', 'atlas_booking', 'atlas_capacity', 'atlas_asset', 'atlas_site', 'atlas_organisation']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
