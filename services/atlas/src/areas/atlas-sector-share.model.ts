import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class AtlasSectorShare {
  @Field()
  nafSection: string;
  @Field()
  label: string;
  @Field(() => Float, { nullable: true })
  value: number | null;
  @Field()
  withheld: boolean;
}
