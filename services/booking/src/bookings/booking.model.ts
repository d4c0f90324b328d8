import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Booking } from './booking.entity';
import { BookingStatus } from './booking.enums';

/**
 * A slot of an asset's time, as the graph shows it. An entity of the graph: logistics adds
 * `coDelivery`; only the booker's and the asset owner's organisations reach it.
 */
@ObjectType('Booking')
@Directive('@key(fields: "id")')
export class BookingModel {
  @Field(() => ID) id: string;
  @Field(() => ID) assetId: string;
  @Field(() => ID) assetOrganisationId: string;
  @Field(() => ID) bookerOrganisationId: string;
  @Field(() => BookingStatus) status: BookingStatus;
  @Field() startsAt: Date;
  @Field() endsAt: Date;
  @Field(() => Int, { description: 'Billed for this booking; 0 when covered by a subscription or a lease.' }) priceCents: number;
  @Field(() => ID, { nullable: true, description: 'The subscription plan whose quota covers it.' }) planId: string | null;
  @Field() fromWaitlist: boolean;
  @Field(() => String, { nullable: true }) cancellationReason: string | null;
  @Field() createdAt: Date;
}

export function bookingModel(b: Booking): BookingModel {
  return {
    id: b.id,
    assetId: b.assetId,
    assetOrganisationId: b.assetOrganisationId,
    bookerOrganisationId: b.bookerOrganisationId,
    status: b.status,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    priceCents: b.priceCents,
    planId: b.planId,
    fromWaitlist: b.fromWaitlist,
    cancellationReason: b.cancellationReason,
    createdAt: b.createdAt,
  };
}
