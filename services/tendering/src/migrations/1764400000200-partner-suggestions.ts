import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read model behind partner suggestions (issue 11 item 5), fed only by events: directory sites
 * and spare capacity, booking assets and confirmed bookings. Lots gain an optional delivery point
 * so distances can be measured (the commune code alone has no coordinates in this service).
 */
export class PartnerSuggestions1764400000200 implements MigrationInterface {
  name = 'PartnerSuggestions1764400000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tender_lot ADD COLUMN delivery_latitude double precision, ADD COLUMN delivery_longitude double precision;
      CREATE TABLE directory_site (
        site_id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        latitude double precision,
        longitude double precision,
        commune_insee text
      );
      CREATE INDEX directory_site_org ON directory_site (organisation_id);
      CREATE TABLE directory_capacity (
        capacity_id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        process_code text NOT NULL,
        quantity double precision NOT NULL,
        unit text NOT NULL,
        window_start timestamptz NOT NULL,
        window_end timestamptz NOT NULL
      );
      CREATE INDEX directory_capacity_process ON directory_capacity (process_code, window_end);
      CREATE TABLE booking_asset (
        asset_id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        name text NOT NULL,
        process_code text NOT NULL,
        latitude double precision,
        longitude double precision
      );
      CREATE INDEX booking_asset_process ON booking_asset (process_code);
      CREATE TABLE booking_busy (
        booking_id uuid PRIMARY KEY,
        asset_id uuid NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL
      );
      CREATE INDEX booking_busy_asset ON booking_busy (asset_id, starts_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE booking_busy; DROP TABLE booking_asset; DROP TABLE directory_capacity; DROP TABLE directory_site;
      ALTER TABLE tender_lot DROP COLUMN delivery_latitude, DROP COLUMN delivery_longitude;`);
  }
}
