import { Field, Float, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('ShipmentAccount', {
  description:
    'Money and carbon of an accepted shipment. CO2 is the trip total (vehicle-km x ADEME/GLEC factor) allocated by tonne-km (ISO 14083), the owner load included.',
})
export class ShipmentAccountModel {
  @Field(() => ID) tripId: string;
  @Field(() => Float) priceEur: number;
  @Field(() => Float, { description: 'Price / declared value of the goods, e.g. 0.05.' }) costShareOfValue: number;
  @Field(() => Float, { description: 'Same, in percent, e.g. 5.0. The short-chain target is about 15 %.' }) costSharePercent: number;
  @Field(() => Float, { description: "Road km of the shipment's own leg." }) km: number;
  @Field(() => Float) co2Kg: number;
  @Field(() => Float, { description: 'Sender driving alone with the reference van, there and back.' }) soloKm: number;
  @Field(() => Float) soloCo2Kg: number;
  @Field(() => Float) co2AvoidedKg: number;
  @Field(() => Float) kmAvoided: number;
  @Field(() => Float, { description: "Share of the trip's emissions carried by this shipment." }) allocationShare: number;
  @Field({ description: 'How far to trust the CO2 figures: the factors are indicative, with their public sources.' }) emissionFactorsNote: string;
}
