import { Field, ID, ObjectType } from '@nestjs/graphql';
import { WaitlistStatus } from './booking.enums';
import type { WaitlistEntry } from './waitlist-entry.entity';

@ObjectType('WaitlistEntry')
export class WaitlistEntryModel {
  @Field(() => ID) id: string;
  @Field(() => ID) assetId: string;
  @Field(() => ID) bookerOrganisationId: string;
  @Field() startsAt: Date;
  @Field() endsAt: Date;
  @Field(() => WaitlistStatus) status: WaitlistStatus;
  @Field(() => ID, { nullable: true, description: 'The booking made for this entry when a slot was freed.' }) bookingId: string | null;
  @Field() createdAt: Date;
}

export function waitlistEntryModel(w: WaitlistEntry): WaitlistEntryModel {
  return {
    id: w.id,
    assetId: w.assetId,
    bookerOrganisationId: w.bookerOrganisationId,
    startsAt: w.startsAt,
    endsAt: w.endsAt,
    status: w.status,
    bookingId: w.bookingId,
    createdAt: w.createdAt,
  };
}
