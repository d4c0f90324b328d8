import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { ConsortiumView } from './consortia.service';
import { ConsortiumFormEnum } from './consortium-form.enum';
import { ConsortiumMemberModel } from './consortium-member.model';
import { ConsortiumLotModel } from './consortium-lot.model';
import { MissingItemModel } from './missing-item.model';

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

export function consortiumModel(v: ConsortiumView): ConsortiumModel {
  return {
    id: v.id,
    tenderId: v.tenderId,
    name: v.name,
    leadOrganisationId: v.leadOrganisationId,
    form: v.form as ConsortiumFormEnum | null,
    leadJointlyLiable: v.leadJointlyLiable,
    frozen: v.frozenAt !== null,
    frozenAt: v.frozenAt,
    members: v.members.map((m) => ({ ...m, status: m.status as never })),
    lots: v.lots,
    missingForBid: v.missingForBid,
  };
}
