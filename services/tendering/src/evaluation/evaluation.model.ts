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

@ObjectType('AuditVerification')
export class AuditVerificationModel {
  @Field(() => ID) tenderId: string;
  @Field() valid: boolean;
  @Field(() => Int) entries: number;
  @Field(() => Int, { nullable: true, description: 'Position of the first entry that does not hold.' }) brokenAt: number | null;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field() headHash: string;
}

@ObjectType('AuditEntry')
export class AuditEntryModel {
  @Field(() => Int) position: number;
  @Field(() => Date) at: Date;
  @Field() actor: string;
  @Field() action: string;
  @Field({ description: 'JSON' }) detail: string;
  @Field() prevHash: string;
  @Field() hash: string;
}
