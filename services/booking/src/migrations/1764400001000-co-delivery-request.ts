import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A booking's ask for its output to be carried away (one per booking). */
export class CoDeliveryRequest1764400001000 implements MigrationInterface {
  name = 'CoDeliveryRequest1764400001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE co_delivery_request (
        booking_id uuid PRIMARY KEY REFERENCES booking (id),
        dropoff jsonb NOT NULL,
        deliver_by timestamptz NOT NULL,
        pallets int NOT NULL CHECK (pallets >= 0),
        crates int NOT NULL CHECK (crates >= 0),
        kg int NOT NULL CHECK (kg >= 0),
        declared_value_eur double precision NOT NULL CHECK (declared_value_eur >= 0),
        requested_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE co_delivery_request`);
  }
}
