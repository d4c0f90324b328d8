import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Where the output of a booking is to go. */
export interface DeliveryPlace {
  latitude: number;
  longitude: number;
  communeInsee: string | null;
  label: string | null;
}

/**
 * The booker's ask that the output of a confirmed booking be carried away on a trip someone drives
 * anyway. One per booking (the primary key): logistics turns it into a shipment from the
 * co-delivery-requested event and answers with trips in the graph (`Booking.coDelivery`).
 */
@Entity({ name: 'co_delivery_request' })
export class CoDeliveryRequest {
  @PrimaryColumn({ name: 'booking_id', type: 'uuid' })
  bookingId: string;

  @Column({ type: 'jsonb' })
  dropoff: DeliveryPlace;

  @Column({ name: 'deliver_by', type: 'timestamptz' })
  deliverBy: Date;

  @Column({ type: 'int' })
  pallets: number;

  @Column({ type: 'int' })
  crates: number;

  @Column({ type: 'int' })
  kg: number;

  @Column({ name: 'declared_value_eur', type: 'double precision' })
  declaredValueEur: number;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;
}
