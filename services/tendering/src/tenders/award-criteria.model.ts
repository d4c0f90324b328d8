import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('AwardCriteria', { description: 'Points out of 100 for each criterion.' })
export class CriteriaModel {
  @Field(() => Int) price: number;
  @Field(() => Int) leadTime: number;
  @Field(() => Int) quality: number;
  @Field(() => Int) co2: number;
}
