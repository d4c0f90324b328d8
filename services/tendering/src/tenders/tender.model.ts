import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OrganisationRef } from '../organisations/organisation-ref.model';

export enum TenderStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  EVALUATION = 'EVALUATION',
  AWARDED = 'AWARDED',
  CONTRACTED = 'CONTRACTED',
  CANCELLED = 'CANCELLED',
  UNSUCCESSFUL = 'UNSUCCESSFUL',
}
registerEnumType(TenderStatus, {
  name: 'TenderStatus',
  description: 'DRAFT -> OPEN -> CLOSED (at the deadline, by the service) -> EVALUATION -> AWARDED -> CONTRACTED, or CANCELLED / UNSUCCESSFUL.',
});

export enum LotStatus {
  OPEN = 'OPEN',
  AWARDED = 'AWARDED',
  CONTRACTED = 'CONTRACTED',
  UNSUCCESSFUL = 'UNSUCCESSFUL',
  CANCELLED = 'CANCELLED',
}
registerEnumType(LotStatus, { name: 'LotStatus' });

@ObjectType('AwardCriteria', { description: 'Points out of 100 for each criterion.' })
export class CriteriaModel {
  @Field(() => Int) price: number;
  @Field(() => Int) leadTime: number;
  @Field(() => Int) quality: number;
  @Field(() => Int) co2: number;
}

@ObjectType('PerformanceGuarantee')
export class GuaranteeModel {
  @Field(() => Float, { nullable: true }) retentionPercent: number | null;
  @Field(() => Float, { nullable: true, description: 'Asked for each lot.' }) firstDemandAmountEur: number | null;
}

@ObjectType('TenderLot')
export class LotModel {
  @Field(() => ID) id: string;
  @Field(() => Int) number: number;
  @Field() title: string;
  @Field(() => [String]) requiredProcesses: string[];
  @Field(() => Float) quantity: number;
  @Field() unit: string;
  @Field() deliveryCommuneInsee: string;
  @Field(() => String, { nullable: true }) deliveryLabel: string | null;
  @Field() deliveryDate: string;
  @Field(() => Float, { nullable: true }) deliveryLatitude: number | null;
  @Field(() => Float, { nullable: true }) deliveryLongitude: number | null;
  @Field(() => LotStatus) status: LotStatus;
  @Field(() => ID, { nullable: true }) awardedBidId: string | null;
  @Field(() => Date, { nullable: true }) awardedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'No contract may be signed before.' }) standstillEndsAt: Date | null;
  @Field(() => ID, { nullable: true }) contractId: string | null;
  @Field(() => Date, { nullable: true }) contractedAt: Date | null;
}

@ObjectType('TenderQuestion', { description: 'A question and its answer, visible to every supplier; who asked is never shown.' })
export class QuestionModel {
  @Field(() => ID) id: string;
  @Field() question: string;
  @Field(() => String, { nullable: true }) answer: string | null;
  @Field(() => Date) askedAt: Date;
  @Field(() => Date, { nullable: true }) answeredAt: Date | null;
}

@ObjectType('CallForTenders')
@Directive('@key(fields: "id")')
export class CallForTendersModel {
  @Field(() => ID) id: string;
  @Field(() => ID) buyerOrganisationId: string;
  @Field(() => OrganisationRef) buyer: OrganisationRef;
  @Field(() => String, { nullable: true, description: 'From the directory, once it has announced the organisation.' }) buyerName: string | null;
  @Field() title: string;
  @Field() description: string;
  @Field(() => TenderStatus) status: TenderStatus;
  @Field(() => Date) submissionDeadline: Date;
  @Field(() => Int) bidValidityDays: number;
  @Field(() => CriteriaModel) criteria: CriteriaModel;
  @Field(() => GuaranteeModel) guarantee: GuaranteeModel;
  @Field(() => [LotModel]) lots: LotModel[];
  @Field(() => Date, { nullable: true }) publishedAt: Date | null;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
  @Field(() => Date, { nullable: true }) openedAt: Date | null;
  @Field(() => Int, { description: 'Bids received and not withdrawn: public, their content is not.' }) bidCount: number;
  @Field(() => [QuestionModel]) questions: QuestionModel[];
}
