import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Offer } from './shipment.entity';

export enum OfferStatusEnum {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  EXPIRED = 'EXPIRED',
  DELIVERED = 'DELIVERED',
}
registerEnumType(OfferStatusEnum, { name: 'OfferStatus' });

@ObjectType('Offer')
export class OfferModel {
  @Field(() => ID) id: string;
  @Field(() => ID) tripId: string;
  @Field(() => ID) shipmentId: string;
  @Field(() => Float) priceEur: number;
  @Field(() => OfferStatusEnum) status: OfferStatusEnum;
  @Field() expiresAt: Date;
}

/** A pending offer past its expiry reads as EXPIRED even before anything rewrites the row. */
export function offerModel(o: Offer, now = new Date()): OfferModel {
  const status = o.status === 'PENDING' && o.expiresAt.getTime() <= now.getTime() ? 'EXPIRED' : o.status;
  return { id: o.id, tripId: o.tripId, shipmentId: o.shipmentId, priceEur: o.priceEur, status: status as OfferStatusEnum, expiresAt: o.expiresAt };
}
