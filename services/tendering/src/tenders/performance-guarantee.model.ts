import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType('PerformanceGuarantee')
export class GuaranteeModel {
  @Field(() => Float, { nullable: true }) retentionPercent: number | null;
  @Field(() => Float, { nullable: true, description: 'Asked for each lot.' }) firstDemandAmountEur: number | null;
}
