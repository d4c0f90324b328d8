import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('TenderQuestion', { description: 'A question and its answer, visible to every supplier; who asked is never shown.' })
export class QuestionModel {
  @Field(() => ID) id: string;
  @Field() question: string;
  @Field(() => String, { nullable: true }) answer: string | null;
  @Field(() => Date) askedAt: Date;
  @Field(() => Date, { nullable: true }) answeredAt: Date | null;
}
