import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { CoDeliveryRequest } from './co-delivery-request.entity';

/** `dropoff` is stored for the event to logistics, not shown in the graph. */
@ObjectType('CoDeliveryRequest', { description: 'What the booker asked to have carried from the asset at the end of the booking.' })
export class CoDeliveryRequestModel {
  @Field(() => ID) bookingId: string;
  @Field() deliverBy: Date;
  @Field(() => Int) pallets: number;
  @Field(() => Int) crates: number;
  @Field(() => Int) kg: number;
  @Field(() => Float) declaredValueEur: number;
  @Field() requestedAt: Date;
}

export function coDeliveryRequestModel(r: CoDeliveryRequest): CoDeliveryRequestModel {
  return {
    bookingId: r.bookingId,
    deliverBy: r.deliverBy,
    pallets: r.pallets,
    crates: r.crates,
    kg: r.kg,
    declaredValueEur: r.declaredValueEur,
    requestedAt: r.requestedAt,
  };
}
