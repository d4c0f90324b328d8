import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { CapacityUnit } from './spare-capacity.entity';

@ObjectType('SpareCapacity')
export class SpareCapacityModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  siteId: string;

  @Field()
  processCode: string;

  @Field(() => Float)
  quantity: number;

  @Field(() => CapacityUnit)
  unit: CapacityUnit;

  @Field()
  windowStart: Date;

  @Field()
  windowEnd: Date;

  @Field()
  expiresAt: Date;

  @Field()
  expired: boolean;
}
