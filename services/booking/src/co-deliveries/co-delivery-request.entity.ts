import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
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
@ObjectType('CoDeliveryRequest', { description: 'What the booker asked to have carried from the asset at the end of the booking.' })
export class CoDeliveryRequest {
  @PrimaryColumn({ name: 'booking_id', type: 'uuid' })
  @Field(() => ID)
  bookingId: string;

  @Column({ type: 'jsonb' })
  dropoff: DeliveryPlace;

  @Column({ name: 'deliver_by', type: 'timestamptz' })
  @Field()
  deliverBy: Date;

  @Column({ type: 'int' })
  @Field(() => Int)
  pallets: number;

  @Column({ type: 'int' })
  @Field(() => Int)
  crates: number;

  @Column({ type: 'int' })
  @Field(() => Int)
  kg: number;

  @Column({ name: 'declared_value_eur', type: 'double precision' })
  @Field(() => Float)
  declaredValueEur: number;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  @Field()
  requestedAt: Date;
}
