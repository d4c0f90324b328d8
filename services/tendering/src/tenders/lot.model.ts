import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { LotStatus } from './tender.enums';
import type { Lot } from './tender-store';

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

export function lotModel(l: Lot): LotModel {
  return { ...l, status: l.status as LotStatus };
}
