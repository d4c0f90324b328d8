import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A shipment asked for from a booking (booking.co-delivery-requested.v1): at most one per booking. */
export class ShipmentFromBooking1764400001100 implements MigrationInterface {
  name = 'ShipmentFromBooking1764400001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE shipment_request ADD COLUMN source_booking_id uuid UNIQUE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE shipment_request DROP COLUMN source_booking_id`);
  }
}
