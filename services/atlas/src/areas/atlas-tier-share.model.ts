import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class AtlasTierShare {
  @Field(() => Int)
  tier: number;
  @Field()
  label: string;
  @Field(() => Float, { nullable: true })
  value: number | null;
  @Field()
  withheld: boolean;
}
