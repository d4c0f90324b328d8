import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum CapacityHoldState {
  REQUESTED = 'REQUESTED',
  HELD = 'HELD',
  REFUSED = 'REFUSED',
  RELEASED = 'RELEASED',
  CONFIRMED = 'CONFIRMED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(CapacityHoldState, {
  name: 'CapacityHoldState',
  description: 'REQUESTED (booking has not answered yet), HELD, REFUSED (see reason), RELEASED, CONFIRMED (a booking now) or EXPIRED.',
});

@ObjectType('CapacityHold', {
  description: "A member's committed machine time on one lot, as booking holds it for the bid. Asset and window are shown to that member only.",
})
export class CapacityHoldModel {
  @Field(() => ID) organisationId: string;
  @Field(() => ID) lotId: string;
  @Field() processCode: string;
  @Field() hours: number;
  @Field(() => CapacityHoldState) status: CapacityHoldState;
  @Field({ description: 'Why it was refused, released or expired; empty while held.' }) reason: string;
  @Field(() => ID, { nullable: true }) assetId: string | null;
  @Field(() => String, { nullable: true }) assetName: string | null;
  @Field(() => Date, { nullable: true }) startsAt: Date | null;
  @Field(() => Date, { nullable: true }) endsAt: Date | null;
}
