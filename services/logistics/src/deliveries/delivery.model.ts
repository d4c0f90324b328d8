import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Delivery } from './delivery.entity';

@ObjectType('Damage', { description: 'Damage noted on receipt, valued on the declared value of the goods, never on their weight.' })
export class DamageModel {
  @Field(() => Int) pallets: number;
  @Field(() => Int) crates: number;
  @Field(() => Int) kg: number;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => Float, { description: 'Declared value x damaged share (1 of 4 pallets = 25 %), EUR.' }) valueEur: number;
}

@ObjectType('Delivery', { description: 'Proof of pickup, then of delivery, of one shipment on one trip.' })
export class DeliveryModel {
  @Field(() => ID) offerId: string;
  @Field(() => ID) shipmentId: string;
  @Field() pickedUpAt: Date;
  @Field() pickupSignedBy: string;
  @Field(() => Date, { nullable: true }) deliveredAt: Date | null;
  @Field(() => String, { nullable: true }) receivedBy: string | null;
  @Field(() => DamageModel, { nullable: true, description: 'Null when nothing was damaged.' }) damage: DamageModel | null;
}

export function deliveryModel(d: Delivery): DeliveryModel {
  const damaged = d.damagedPallets + d.damagedCrates + d.damagedKg > 0;
  return {
    offerId: d.offerId,
    shipmentId: d.shipmentId,
    pickedUpAt: d.pickedUpAt,
    pickupSignedBy: d.pickupSignedBy,
    deliveredAt: d.deliveredAt,
    receivedBy: d.receivedBy,
    damage: damaged ? { pallets: d.damagedPallets, crates: d.damagedCrates, kg: d.damagedKg, note: d.damageNote, valueEur: d.damageValueEur } : null,
  };
}
