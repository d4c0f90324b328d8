import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { LabelCode } from './label-rules';

@ObjectType('OriginLabel', { description: 'A declared origin label and the figures behind it.' })
export class OriginLabelModel {
  @Field(() => ID)
  id: string;

  @Field(() => LabelCode)
  labelCode: LabelCode;

  @Field()
  product: string;

  @Field(() => Float, { nullable: true })
  frenchCostSharePercent: number | null;

  @Field(() => Float, { nullable: true })
  frenchStepSharePercent: number | null;

  @Field(() => String, { nullable: true })
  awardedOn: string | null;

  @Field()
  materialOrigin: string;

  @Field()
  placeOfManufacture: string;

  @Field()
  declaredAt: Date;
}
