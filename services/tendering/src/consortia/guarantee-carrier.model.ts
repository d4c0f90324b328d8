import { Field, Float, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('GuaranteeCarrier')
export class GuaranteeCarrierModel {
  @Field(() => ID) organisationId: string;
  @Field(() => Float, { description: "Share of the lot's guarantee carried." }) sharePercent: number;
  @Field(() => Float, { nullable: true, description: 'First-demand guarantee this organisation provides, EUR.' }) firstDemandAmountEur: number | null;
  @Field(() => Float, { nullable: true, description: 'Retention applied to its payments, percent.' }) retentionPercent: number | null;
  @Field() reason: string;
}
