import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { OrganisationRef } from '../organisations/organisation-ref.model';
import { TenderStatus } from './tender.enums';
import type { Tender } from './tender-store';
import { CriteriaModel } from './award-criteria.model';
import { GuaranteeModel } from './performance-guarantee.model';
import { LotModel } from './lot.model';
import { QuestionModel } from './question.model';

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

/** A call as the resolver returns it: the fields it resolves itself (lots, bidCount, questions, buyer) are left out. */
export type TenderShape = Omit<CallForTendersModel, 'lots' | 'bidCount' | 'questions' | 'buyerName' | 'buyer'>;

export function tenderModel(t: Tender): TenderShape {
  return {
    id: t.id,
    buyerOrganisationId: t.buyerOrganisationId,
    title: t.title,
    description: t.description,
    status: t.status as TenderStatus,
    submissionDeadline: t.submissionDeadline,
    bidValidityDays: t.bidValidityDays,
    criteria: t.criteria,
    guarantee: t.guarantee,
    publishedAt: t.publishedAt,
    closedAt: t.closedAt,
    openedAt: t.openedAt,
  };
}
