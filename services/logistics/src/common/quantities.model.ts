import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Quantities', { description: 'Space in each unit at once.' })
export class QuantitiesModel {
  @Field(() => Int, { description: 'EUR pallets (1200 x 800 mm).' }) pallets: number;
  @Field(() => Int) crates: number;
  @Field(() => Int) kg: number;
}
