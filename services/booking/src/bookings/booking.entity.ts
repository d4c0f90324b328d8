import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export enum BookingStatus {
  REQUESTED = 'REQUESTED',
  CONFIRMED = 'CONFIRMED',
  CANCELLED = 'CANCELLED',
  COMPLETED = 'COMPLETED',
  HELD = 'HELD',
  RELEASED = 'RELEASED',
  EXPIRED = 'EXPIRED',
}

registerEnumType(BookingStatus, {
  name: 'BookingStatus',
  description: 'REQUESTED (awaiting owner approval), CONFIRMED, CANCELLED or COMPLETED; HELD, RELEASED or EXPIRED for machine time held for a bid (decision 0111).',
});

/**
 * A slot of an asset's time. `slot` is [startsAt, endsAt + asset buffer): the exclusion
 * constraint `booking_no_overlap` keeps confirmed slots of one asset disjoint. An entity of the graph:
 * logistics adds `coDelivery`; only the booker's and the asset owner's organisations reach it.
 */
@Entity({ name: 'booking' })
@ObjectType('Booking')
@Directive('@key(fields: "id")')
export class Booking {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'asset_id', type: 'uuid' })
  @Field(() => ID)
  assetId: string;

  @Column({ name: 'asset_organisation_id', type: 'uuid' })
  @Field(() => ID)
  assetOrganisationId: string;

  @Column({ name: 'booker_organisation_id', type: 'uuid' })
  @Field(() => ID)
  bookerOrganisationId: string;

  @Column({ name: 'booker_user_id', type: 'text' })
  bookerUserId: string;

  @Column({ type: 'text' })
  @Field(() => BookingStatus)
  status: BookingStatus;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  @Field()
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  @Field()
  endsAt: Date;

  @Column({ type: 'tstzrange' })
  slot: string;

  @Column({ name: 'price_cents', type: 'int' })
  @Field(() => Int, { description: 'Billed for this booking; 0 when covered by a subscription or a lease.' })
  priceCents: number;

  @Column({ name: 'plan_id', type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The subscription plan whose quota covers it.' })
  planId: string | null;

  @Column({ name: 'from_waitlist', type: 'boolean' })
  @Field()
  fromWaitlist: boolean;

  @Column({ name: 'cancellation_reason', type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  cancellationReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field()
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
