import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum MemberStatus {
  INVITED = 'INVITED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
}
registerEnumType(MemberStatus, { name: 'ConsortiumMemberStatus' });

@ObjectType('ConsortiumMember')
export class ConsortiumMemberModel {
  @Field(() => ID) organisationId: string;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field({ description: 'LEAD (the mandataire) or MEMBER.' }) role: string;
  @Field(() => MemberStatus) status: MemberStatus;
}
