import { Field, Float, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('ConsortiumShare')
export class ShareModel {
  @Field(() => ID) organisationId: string;
  @Field(() => Float) sharePercent: number;
  @Field(() => Float) committedQuantity: number;
  @Field() committedUnit: string;
  @Field() processCode: string;
  @Field({ description: 'Whether the directory has this organisation declaring the process.' }) declaredInDirectory: boolean;
}
