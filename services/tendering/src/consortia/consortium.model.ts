import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConsortiumFormEnum } from './dto/consortium.inputs';

export enum MemberStatus {
  INVITED = 'INVITED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
}
registerEnumType(MemberStatus, { name: 'ConsortiumMemberStatus' });

@ObjectType('MissingItem', { description: 'One thing that stops an action, naming the field and why.' })
export class MissingItemModel {
  @Field() field: string;
  @Field() reason: string;
}

@ObjectType('ConsortiumMember')
export class ConsortiumMemberModel {
  @Field(() => ID) organisationId: string;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field({ description: 'LEAD (the mandataire) or MEMBER.' }) role: string;
  @Field(() => MemberStatus) status: MemberStatus;
}

@ObjectType('ConsortiumShare')
export class ShareModel {
  @Field(() => ID) organisationId: string;
  @Field(() => Float) sharePercent: number;
  @Field(() => Float) committedQuantity: number;
  @Field() committedUnit: string;
  @Field() processCode: string;
  @Field({ description: 'Whether the directory has this organisation declaring the process.' }) declaredInDirectory: boolean;
}

@ObjectType('GuaranteeCarrier')
export class GuaranteeCarrierModel {
  @Field(() => ID) organisationId: string;
  @Field(() => Float, { description: "Share of the lot's guarantee carried." }) sharePercent: number;
  @Field(() => Float, { nullable: true, description: 'First-demand guarantee this organisation provides, EUR.' }) firstDemandAmountEur: number | null;
  @Field(() => Float, { nullable: true, description: 'Retention applied to its payments, percent.' }) retentionPercent: number | null;
  @Field() reason: string;
}

@ObjectType('ConsortiumLot')
export class ConsortiumLotModel {
  @Field(() => ID) lotId: string;
  @Field(() => Int) lotNumber: number;
  @Field(() => [ShareModel]) shares: ShareModel[];
  @Field(() => Float) sharesTotalPercent: number;
  @Field(() => [GuaranteeCarrierModel], { description: 'Empty until the form is chosen.' }) guaranteeCarriers: GuaranteeCarrierModel[];
}

@ObjectType('Consortium', { description: 'A groupement of organisations answering a call together, led by its mandataire.' })
export class ConsortiumModel {
  @Field(() => ID) id: string;
  @Field(() => ID) tenderId: string;
  @Field() name: string;
  @Field(() => ID) leadOrganisationId: string;
  @Field(() => ConsortiumFormEnum, { nullable: true }) form: ConsortiumFormEnum | null;
  @Field() leadJointlyLiable: boolean;
  @Field({ description: 'Frozen from bid submission until award: no member, share or form change.' }) frozen: boolean;
  @Field(() => Date, { nullable: true }) frozenAt: Date | null;
  @Field(() => [ConsortiumMemberModel]) members: ConsortiumMemberModel[];
  @Field(() => [ConsortiumLotModel]) lots: ConsortiumLotModel[];
  @Field(() => [MissingItemModel], { description: 'What is still missing before it may bid on the lots it has shares on.' }) missingForBid: MissingItemModel[];
}
