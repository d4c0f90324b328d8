import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hubs (consolidation points), recurring tours with their stops and sign-ups, proof of pickup and
 * delivery with damage valued on the declared value, and the local copy of the directory's
 * organisations and sites (fed by its events through the inbox).
 */
export class ToursHubsDeliveries1764100000300 implements MigrationInterface {
  name = 'ToursHubsDeliveries1764100000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hub (
        id uuid PRIMARY KEY,
        operator_organisation_id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        place jsonb NOT NULL,
        temperature_zones text[] NOT NULL
          CHECK (cardinality(temperature_zones) > 0 AND temperature_zones <@ ARRAY['AMBIENT','CHILLED','FROZEN']),
        capacity_pallets int NOT NULL CHECK (capacity_pallets > 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One hub of a name per operator: a re-run of the demo seed finds it instead of doubling it.
    await q.query(`CREATE UNIQUE INDEX hub_operator_name ON hub (operator_organisation_id, lower(name))`);
    await q.query(`ALTER TABLE shipment_request ADD COLUMN via_hub_id uuid REFERENCES hub (id)`);
    await q.query(`ALTER TABLE shipment_request ADD COLUMN via_hub_place jsonb`);
    await q.query(`ALTER TABLE shipment_request ADD CONSTRAINT shipment_via_hub CHECK ((via_hub_id IS NULL) = (via_hub_place IS NULL))`);

    await q.query(`
      CREATE TABLE tour (
        id uuid PRIMARY KEY,
        owner_organisation_id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        vehicle_type text NOT NULL,
        weekdays smallint[] NOT NULL CHECK (cardinality(weekdays) BETWEEN 1 AND 7 AND weekdays <@ ARRAY[1,2,3,4,5,6,7]::smallint[]),
        departure_time time NOT NULL,
        temperature_zone text NOT NULL CHECK (temperature_zone IN ('AMBIENT','CHILLED','FROZEN')),
        capacity_pallets int NOT NULL CHECK (capacity_pallets >= 0),
        capacity_crates int NOT NULL CHECK (capacity_crates >= 0),
        capacity_kg int NOT NULL CHECK (capacity_kg >= 0),
        route_km double precision NOT NULL CHECK (route_km >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT tour_some_capacity CHECK (capacity_pallets + capacity_crates + capacity_kg > 0)
      )`);
    await q.query(`CREATE UNIQUE INDEX tour_owner_name ON tour (owner_organisation_id, lower(name))`);
    await q.query(`CREATE INDEX tour_weekdays ON tour USING gin (weekdays)`);
    await q.query(`
      CREATE TABLE tour_stop (
        tour_id uuid NOT NULL REFERENCES tour (id) ON DELETE CASCADE,
        seq int NOT NULL CHECK (seq >= 0),
        place jsonb NOT NULL,
        hub_id uuid REFERENCES hub (id),
        minutes_after_departure int NOT NULL CHECK (minutes_after_departure >= 0),
        PRIMARY KEY (tour_id, seq)
      )`);
    await q.query(`
      CREATE TABLE tour_signup (
        id uuid PRIMARY KEY,
        tour_id uuid NOT NULL,
        stop_seq int NOT NULL,
        organisation_id uuid NOT NULL,
        role text NOT NULL CHECK (role IN ('PRODUCER','CUSTOMER')),
        weekdays smallint[] NOT NULL CHECK (cardinality(weekdays) BETWEEN 1 AND 7),
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tour_id, stop_seq) REFERENCES tour_stop (tour_id, seq) ON DELETE CASCADE,
        CONSTRAINT tour_signup_once UNIQUE (tour_id, stop_seq, organisation_id, role)
      )`);

    await q.query(`
      CREATE TABLE delivery (
        offer_id uuid PRIMARY KEY REFERENCES offer (id),
        shipment_id uuid NOT NULL REFERENCES shipment_request (id),
        picked_up_at timestamptz NOT NULL,
        pickup_signed_by text NOT NULL CHECK (length(pickup_signed_by) BETWEEN 1 AND 120),
        delivered_at timestamptz,
        received_by text CHECK (length(received_by) BETWEEN 1 AND 120),
        damaged_pallets int NOT NULL DEFAULT 0 CHECK (damaged_pallets >= 0),
        damaged_crates int NOT NULL DEFAULT 0 CHECK (damaged_crates >= 0),
        damaged_kg int NOT NULL DEFAULT 0 CHECK (damaged_kg >= 0),
        damage_note text,
        damage_value_eur numeric(12,2) NOT NULL DEFAULT 0 CHECK (damage_value_eur >= 0),
        CONSTRAINT delivery_after_pickup CHECK (delivered_at IS NULL OR delivered_at >= picked_up_at),
        CONSTRAINT delivery_received CHECK ((delivered_at IS NULL) = (received_by IS NULL))
      )`);

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
        commune_insee text
      )`);
    await q.query(`CREATE INDEX known_site_organisation ON known_site (organisation_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['known_site', 'known_organisation', 'delivery', 'tour_signup', 'tour_stop', 'tour']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`ALTER TABLE shipment_request DROP CONSTRAINT shipment_via_hub`);
    await q.query(`ALTER TABLE shipment_request DROP COLUMN via_hub_place`);
    await q.query(`ALTER TABLE shipment_request DROP COLUMN via_hub_id`);
    await q.query(`DROP TABLE hub`);
  }
}
