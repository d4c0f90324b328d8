import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('MissingItem', { description: 'One thing that stops an action, naming the field and why.' })
export class MissingItemModel {
  @Field() field: string;
  @Field() reason: string;
}
