import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The booking model. The one invariant that must hold under any load, "two confirmed bookings of
 * one asset never overlap", is the exclusion constraint `booking_no_overlap`, not application code
 * (issue 4). `slot` is the booked time plus the asset's buffer, so the buffer is protected too.
 */
export class Booking1763900001000 implements MigrationInterface {
  name = 'Booking1763900001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`
      CREATE TABLE known_organisation (
        id uuid PRIMARY KEY,
        legal_name text NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE known_site (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        name text NOT NULL,
        latitude double precision,
        longitude double precision,
        h3_r7 text,
        h3_r9 text
      )`);
    await q.query(`
      CREATE TABLE plan (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 2 AND 120),
        monthly_price_cents int NOT NULL CHECK (monthly_price_cents >= 0),
        monthly_hour_quota int NOT NULL CHECK (monthly_hour_quota > 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE subscription (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL REFERENCES plan (id),
        subscriber_organisation_id uuid NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (plan_id, subscriber_organisation_id)
      )`);
    await q.query(`
      CREATE TABLE training (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 2 AND 120),
        expires_after_unused_months int NOT NULL DEFAULT 12 CHECK (expires_after_unused_months BETWEEN 1 AND 120),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE training_equivalence (
        training_id uuid NOT NULL REFERENCES training (id),
        recognised_training_id uuid NOT NULL REFERENCES training (id),
        PRIMARY KEY (training_id, recognised_training_id),
        CHECK (training_id <> recognised_training_id)
      )`);
    await q.query(`
      CREATE TABLE authorisation (
        id uuid PRIMARY KEY,
        training_id uuid NOT NULL REFERENCES training (id),
        user_id text NOT NULL,
        organisation_id uuid NOT NULL,
        granted_by text NOT NULL,
        granted_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        UNIQUE (training_id, user_id)
      )`);
    await q.query(`
      CREATE TABLE asset (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        site_id uuid,
        name text NOT NULL CHECK (length(name) BETWEEN 2 AND 120),
        kind text NOT NULL CHECK (kind IN ('MACHINE','WORKBENCH','CONTAINER_PLANT','PRODUCTION_LINE','FLOOR_SPACE')),
        process_code text NOT NULL CHECK (process_code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
        specs jsonb NOT NULL DEFAULT '{}',
        capacity_unit text NOT NULL DEFAULT 'machine',
        mobile boolean NOT NULL DEFAULT false,
        latitude double precision CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision CHECK (longitude BETWEEN -180 AND 180),
        h3_r7 text,
        h3_r9 text,
        timezone text NOT NULL DEFAULT 'Europe/Paris',
        opening_hours jsonb NOT NULL DEFAULT '[]',
        min_booking_minutes int NOT NULL DEFAULT 30 CHECK (min_booking_minutes > 0),
        max_booking_minutes int NOT NULL DEFAULT 480 CHECK (max_booking_minutes >= min_booking_minutes),
        min_notice_minutes int NOT NULL DEFAULT 0 CHECK (min_notice_minutes >= 0),
        buffer_minutes int NOT NULL DEFAULT 0 CHECK (buffer_minutes >= 0),
        cancellation_deadline_hours int NOT NULL DEFAULT 24 CHECK (cancellation_deadline_hours >= 0),
        requires_approval boolean NOT NULL DEFAULT false,
        required_training_id uuid REFERENCES training (id),
        price_model text NOT NULL CHECK (price_model IN ('HOURLY','SUBSCRIPTION','LEASE')),
        hourly_rate_cents int CHECK (hourly_rate_cents >= 0),
        monthly_lease_cents int CHECK (monthly_lease_cents >= 0),
        plan_id uuid REFERENCES plan (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (price_model <> 'SUBSCRIPTION' OR plan_id IS NOT NULL),
        CHECK (price_model <> 'HOURLY' OR hourly_rate_cents IS NOT NULL),
        CHECK (price_model <> 'LEASE' OR monthly_lease_cents IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX asset_process ON asset (process_code)`);
    await q.query(`CREATE INDEX asset_h3_r7 ON asset (h3_r7)`);
    await q.query(`CREATE INDEX asset_organisation ON asset (organisation_id)`);
    await q.query(`
      CREATE TABLE blackout (
        id uuid PRIMARY KEY,
        asset_id uuid NOT NULL REFERENCES asset (id) ON DELETE CASCADE,
        period tstzrange NOT NULL CHECK (NOT isempty(period)),
        reason text NOT NULL
      )`);
    await q.query(`CREATE INDEX blackout_asset_period ON blackout USING gist (asset_id, period)`);
    await q.query(`
      CREATE TABLE booking (
        id uuid PRIMARY KEY,
        asset_id uuid NOT NULL REFERENCES asset (id),
        asset_organisation_id uuid NOT NULL,
        booker_organisation_id uuid NOT NULL,
        booker_user_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('REQUESTED','CONFIRMED','CANCELLED','COMPLETED')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        slot tstzrange NOT NULL,
        price_cents int NOT NULL DEFAULT 0,
        plan_id uuid REFERENCES plan (id),
        from_waitlist boolean NOT NULL DEFAULT false,
        cancellation_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (starts_at < ends_at),
        CHECK (lower(slot) = starts_at AND upper(slot) >= ends_at),
        CONSTRAINT booking_no_overlap EXCLUDE USING gist (asset_id WITH =, slot WITH &&) WHERE (status = 'CONFIRMED')
      )`);
    await q.query(`CREATE INDEX booking_booker ON booking (booker_organisation_id, starts_at)`);
    await q.query(`CREATE INDEX booking_plan_month ON booking (plan_id, booker_organisation_id, starts_at) WHERE plan_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE waitlist_entry (
        id uuid PRIMARY KEY,
        asset_id uuid NOT NULL REFERENCES asset (id),
        booker_organisation_id uuid NOT NULL,
        booker_user_id text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'WAITING' CHECK (status IN ('WAITING','CONFIRMED','WITHDRAWN')),
        booking_id uuid REFERENCES booking (id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK (starts_at < ends_at)
      )`);
    await q.query(`CREATE INDEX waitlist_waiting ON waitlist_entry (asset_id, created_at) WHERE status = 'WAITING'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['waitlist_entry', 'booking', 'blackout', 'asset', 'authorisation', 'training_equivalence',
      'training', 'subscription', 'plan', 'known_site', 'known_organisation']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
