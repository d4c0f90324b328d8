import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ShareModel } from './consortium-share.model';
import { GuaranteeCarrierModel } from './guarantee-carrier.model';

@ObjectType('ConsortiumLot')
export class ConsortiumLotModel {
  @Field(() => ID) lotId: string;
  @Field(() => Int) lotNumber: number;
  @Field(() => [ShareModel]) shares: ShareModel[];
  @Field(() => Float) sharesTotalPercent: number;
  @Field(() => [GuaranteeCarrierModel], { description: 'Empty until the form is chosen.' }) guaranteeCarriers: GuaranteeCarrierModel[];
}
