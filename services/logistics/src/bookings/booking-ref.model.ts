import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** Booking's `Booking`, as logistics extends it with `coDelivery`; every other field comes from booking. */
@ObjectType('Booking')
@Directive('@key(fields: "id")')
export class BookingRef {
  @Field(() => ID)
  id: string;
}
