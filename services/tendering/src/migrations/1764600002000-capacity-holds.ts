import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tendering's record of the capacity-hold saga (decision 0111): one row per (bid, lot, member)
 * committing hours, REQUESTED at submission, then whatever booking answered and later did.
 */
export class CapacityHolds1764600002000 implements MigrationInterface {
  name = 'CapacityHolds1764600002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bid_capacity_hold (
        bid_id uuid NOT NULL REFERENCES bid (id),
        lot_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        process_code text NOT NULL,
        hours double precision NOT NULL CHECK (hours > 0),
        status text NOT NULL DEFAULT 'REQUESTED' CHECK (status IN ('REQUESTED','HELD','REFUSED','RELEASED','CONFIRMED','EXPIRED')),
        reason text NOT NULL DEFAULT '',
        asset_id uuid,
        asset_name text,
        starts_at timestamptz,
        ends_at timestamptz,
        booking_id uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (bid_id, lot_id, organisation_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bid_capacity_hold`);
  }
}
