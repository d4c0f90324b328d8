import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'One published value of an area, after statistical secrecy.' })
export class AtlasValue {
  @Field()
  level: string;
  @Field()
  code: string;
  @Field()
  name: string;
  @Field()
  indicator: string;
  @Field(() => Float, { nullable: true, description: 'Null when withheld.' })
  value: number | null;
  @Field()
  withheld: boolean;
  @Field(() => String, { nullable: true, description: 'fewer-than-3, dominance-85 or secondary.' })
  withheldReason: string | null;
}
