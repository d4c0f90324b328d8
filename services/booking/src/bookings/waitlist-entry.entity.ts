import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum WaitlistStatus {
  WAITING = 'WAITING',
  CONFIRMED = 'CONFIRMED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(WaitlistStatus, { name: 'WaitlistStatus' });

/** A request for a slot that was taken; the oldest matching entry gets a freed slot first. */
@Entity({ name: 'waitlist_entry' })
@ObjectType('WaitlistEntry')
export class WaitlistEntry {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'asset_id', type: 'uuid' })
  @Field(() => ID)
  assetId: string;

  @Column({ name: 'booker_organisation_id', type: 'uuid' })
  @Field(() => ID)
  bookerOrganisationId: string;

  @Column({ name: 'booker_user_id', type: 'text' })
  bookerUserId: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  @Field()
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  @Field()
  endsAt: Date;

  @Column({ type: 'text' })
  @Field(() => WaitlistStatus)
  status: WaitlistStatus;

  @Column({ name: 'booking_id', type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The booking made for this entry when a slot was freed.' })
  bookingId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  @Field()
  createdAt: Date;
}
