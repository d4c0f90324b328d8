import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trips, shipment requests and offers. The never-oversold invariant (issue 5) lives here as much as
 * in the code: remaining capacity has CHECK (>= 0 and <= capacity) in every unit, so even a buggy
 * writer cannot commit an oversold trip; the service's conditional UPDATE makes it fail cleanly.
 */
export class TripsShipmentsOffers1764100000100 implements MigrationInterface {
  name = 'TripsShipmentsOffers1764100000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE trip (
        id uuid PRIMARY KEY,
        owner_organisation_id uuid NOT NULL,
        vehicle_type text NOT NULL,
        origin jsonb NOT NULL,
        stops jsonb NOT NULL DEFAULT '[]',
        destination jsonb NOT NULL,
        route_km double precision NOT NULL CHECK (route_km >= 0),
        departure_earliest timestamptz NOT NULL,
        departure_latest timestamptz NOT NULL,
        capacity_pallets int NOT NULL CHECK (capacity_pallets >= 0),
        capacity_crates int NOT NULL CHECK (capacity_crates >= 0),
        capacity_kg int NOT NULL CHECK (capacity_kg >= 0),
        remaining_pallets int NOT NULL,
        remaining_crates int NOT NULL,
        remaining_kg int NOT NULL,
        temperature_zone text NOT NULL CHECK (temperature_zone IN ('AMBIENT','CHILLED','FROZEN')),
        handling text NOT NULL CHECK (handling IN ('NONE','TAIL_LIFT','DOCK')),
        price_per_pallet_eur numeric(10,2) NOT NULL DEFAULT 0 CHECK (price_per_pallet_eur >= 0),
        price_per_crate_eur numeric(10,2) NOT NULL DEFAULT 0 CHECK (price_per_crate_eur >= 0),
        price_per_kg_eur numeric(10,4) NOT NULL DEFAULT 0 CHECK (price_per_kg_eur >= 0),
        max_detour_km double precision NOT NULL CHECK (max_detour_km >= 0),
        max_detour_minutes int NOT NULL CHECK (max_detour_minutes >= 0),
        load_class text NOT NULL CHECK (load_class IN ('FOOD','CHEMICALS','GENERAL')),
        organic_only boolean NOT NULL DEFAULT false,
        own_load_kg int NOT NULL DEFAULT 0 CHECK (own_load_kg >= 0),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','CANCELLED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CONSTRAINT trip_window CHECK (departure_latest >= departure_earliest),
        CONSTRAINT trip_remaining_pallets CHECK (remaining_pallets >= 0 AND remaining_pallets <= capacity_pallets),
        CONSTRAINT trip_remaining_crates CHECK (remaining_crates >= 0 AND remaining_crates <= capacity_crates),
        CONSTRAINT trip_remaining_kg CHECK (remaining_kg >= 0 AND remaining_kg <= capacity_kg)
      )`);
    await q.query(`CREATE INDEX trip_open_departure ON trip (departure_latest) WHERE status = 'OPEN'`);
    await q.query(`CREATE INDEX trip_owner ON trip (owner_organisation_id)`);
    await q.query(`
      CREATE TABLE shipment_request (
        id uuid PRIMARY KEY,
        shipper_organisation_id uuid NOT NULL,
        pickup jsonb NOT NULL,
        dropoff jsonb NOT NULL,
        pickup_earliest timestamptz NOT NULL,
        pickup_latest timestamptz NOT NULL,
        dropoff_earliest timestamptz NOT NULL,
        dropoff_latest timestamptz NOT NULL,
        pallets int NOT NULL CHECK (pallets >= 0),
        crates int NOT NULL CHECK (crates >= 0),
        kg int NOT NULL CHECK (kg >= 0),
        declared_value_eur numeric(12,2) NOT NULL CHECK (declared_value_eur > 0),
        temperature_zone text NOT NULL CHECK (temperature_zone IN ('AMBIENT','CHILLED','FROZEN')),
        load_class text NOT NULL CHECK (load_class IN ('FOOD','CHEMICALS','GENERAL')),
        organic boolean NOT NULL DEFAULT false,
        max_time_in_vehicle_minutes int CHECK (max_time_in_vehicle_minutes > 0),
        leg_km double precision NOT NULL CHECK (leg_km >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT shipment_something CHECK (pallets + crates + kg > 0),
        CONSTRAINT shipment_pickup_window CHECK (pickup_latest >= pickup_earliest),
        CONSTRAINT shipment_dropoff_window CHECK (dropoff_latest >= dropoff_earliest)
      )`);
    await q.query(`CREATE INDEX shipment_shipper ON shipment_request (shipper_organisation_id)`);
    await q.query(`
      CREATE TABLE offer (
        id uuid PRIMARY KEY,
        shipment_id uuid NOT NULL REFERENCES shipment_request (id),
        trip_id uuid NOT NULL REFERENCES trip (id),
        price_eur numeric(10,2) NOT NULL CHECK (price_eur >= 0),
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','ACCEPTED','DECLINED','EXPIRED','DELIVERED')),
        expires_at timestamptz NOT NULL,
        decided_at timestamptz,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A shipment travels on one trip: at most one accepted (or delivered) offer each.
    await q.query(`CREATE UNIQUE INDEX offer_one_accepted ON offer (shipment_id) WHERE status IN ('ACCEPTED','DELIVERED')`);
    await q.query(`CREATE INDEX offer_trip ON offer (trip_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE offer`);
    await q.query(`DROP TABLE shipment_request`);
    await q.query(`DROP TABLE trip`);
  }
}
