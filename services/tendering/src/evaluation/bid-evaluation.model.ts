import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('BidEvaluation', { description: "One opened bid's offer on one lot, its score and the rule that gave it." })
export class BidEvaluationModel {
  @Field(() => ID) bidId: string;
  @Field(() => ID) lotId: string;
  @Field(() => ID) bidderOrganisationId: string;
  @Field(() => ID, { nullable: true }) consortiumId: string | null;
  @Field(() => Float) priceEur: number;
  @Field(() => Int) leadTimeDays: number;
  @Field() qualityStatement: string;
  @Field(() => Float) co2Kg: number;
  @Field(() => Float, { nullable: true }) qualityMark: number | null;
  @Field(() => Float) score: number;
  @Field({ description: 'The scoring rule with this bid\'s numbers.' }) rule: string;
  @Field(() => Int) rank: number;
  @Field({ description: 'Flagged for justification, never rejected automatically.' }) abnormallyLow: boolean;
  @Field(() => String, { nullable: true }) abnormallyLowReason: string | null;
  @Field() sealedSha256: string;
  @Field(() => Date) receivedAt: Date;
}
