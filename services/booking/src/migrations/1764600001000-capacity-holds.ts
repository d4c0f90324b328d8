import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Capacity held at bid time (issue 11 item 6, decision 0111). A hold is a booking row with status
 * HELD, so the one exclusion constraint now covers HELD and CONFIRMED: a hold never overlaps a
 * confirmed booking nor another hold, and confirming it (HELD -> CONFIRMED) never leaves the
 * constraint. `capacity_hold` is the saga's record: one row per (bid, lot, member), refused or not.
 */
export class CapacityHolds1764600001000 implements MigrationInterface {
  name = 'CapacityHolds1764600001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE booking DROP CONSTRAINT booking_status_check`);
    await q.query(`ALTER TABLE booking ADD CONSTRAINT booking_status_check
      CHECK (status IN ('REQUESTED','CONFIRMED','CANCELLED','COMPLETED','HELD','RELEASED','EXPIRED'))`);
    await q.query(`ALTER TABLE booking DROP CONSTRAINT booking_no_overlap`);
    await q.query(`ALTER TABLE booking ADD CONSTRAINT booking_no_overlap
      EXCLUDE USING gist (asset_id WITH =, slot WITH &&) WHERE (status IN ('CONFIRMED','HELD'))`);
    await q.query(`
      CREATE TABLE capacity_hold (
        id uuid PRIMARY KEY,
        bid_id uuid NOT NULL,
        tender_id uuid NOT NULL,
        lot_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        process_code text NOT NULL,
        hours double precision NOT NULL CHECK (hours > 0),
        status text NOT NULL CHECK (status IN ('HELD','REFUSED','RELEASED','CONFIRMED','EXPIRED')),
        reason text NOT NULL DEFAULT '',
        booking_id uuid REFERENCES booking (id),
        asset_id uuid REFERENCES asset (id),
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (bid_id, lot_id, organisation_id),
        CHECK (status NOT IN ('HELD','CONFIRMED') OR booking_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX capacity_hold_tender ON capacity_hold (tender_id)`);
    await q.query(`CREATE INDEX capacity_hold_due ON capacity_hold (expires_at) WHERE status = 'HELD'`);
    // A withdrawal may be read before the hold request it cancels (two topics, no order between
    // them): the closed bid is remembered so that a late request is refused, not held for ever.
    await q.query(`
      CREATE TABLE capacity_hold_closed_bid (
        bid_id uuid PRIMARY KEY,
        reason text NOT NULL,
        closed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE capacity_hold_closed_bid`);
    await q.query(`DROP TABLE capacity_hold`);
    await q.query(`UPDATE booking SET status = 'CANCELLED' WHERE status IN ('HELD','RELEASED','EXPIRED')`);
    await q.query(`ALTER TABLE booking DROP CONSTRAINT booking_no_overlap`);
    await q.query(`ALTER TABLE booking ADD CONSTRAINT booking_no_overlap EXCLUDE USING gist (asset_id WITH =, slot WITH &&) WHERE (status = 'CONFIRMED')`);
    await q.query(`ALTER TABLE booking DROP CONSTRAINT booking_status_check`);
    await q.query(`ALTER TABLE booking ADD CONSTRAINT booking_status_check CHECK (status IN ('REQUESTED','CONFIRMED','CANCELLED','COMPLETED'))`);
  }
}
