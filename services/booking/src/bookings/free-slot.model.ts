import { Field, Float, ObjectType } from '@nestjs/graphql';
import { AssetModel, assetModel } from '../assets/asset.model';
import type { FreeSlot } from './bookings.service';

@ObjectType('FreeSlot', { description: 'A free interval of one asset.' })
export class FreeSlotModel {
  @Field(() => AssetModel) asset: AssetModel;
  @Field() startsAt: Date;
  @Field() endsAt: Date;
  @Field(() => Float, { nullable: true, description: 'From the point searched around.' }) distanceKm: number | null;
}

export function freeSlotModel(s: FreeSlot): FreeSlotModel {
  return { asset: assetModel(s.asset), startsAt: s.startsAt, endsAt: s.endsAt, distanceKm: s.distanceKm };
}
