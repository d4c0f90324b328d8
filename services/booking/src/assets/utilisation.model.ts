import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType('Utilisation', { description: 'Booked hours over open hours of one asset in a window.' })
export class UtilisationModel {
  @Field() from: Date;
  @Field() to: Date;
  @Field(() => Float) openHours: number;
  @Field(() => Float) bookedHours: number;
  @Field(() => Float, { description: 'bookedHours / openHours, 0 when never open.' }) ratio: number;
}
