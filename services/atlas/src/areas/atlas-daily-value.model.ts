import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class AtlasDailyValue {
  @Field({ description: 'YYYY-MM-DD' })
  day: string;
  @Field(() => Float, { nullable: true })
  value: number | null;
  @Field()
  withheld: boolean;
}
