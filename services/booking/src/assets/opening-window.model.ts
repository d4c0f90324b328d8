import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('OpeningWindow', { description: 'A weekly opening window in the asset time zone.' })
export class OpeningWindowModel {
  @Field(() => Int, { description: 'ISO weekday: 1 = Monday ... 7 = Sunday.' }) day: number;
  @Field({ description: 'HH:MM' }) opens: string;
  @Field({ description: 'HH:MM, 24:00 for midnight' }) closes: string;
}
