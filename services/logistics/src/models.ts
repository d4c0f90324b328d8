import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Handling, LoadClass, PlaceModel, QuantitiesModel, TemperatureZone } from './graphql-types';
import { BookingRef } from './bookings/booking-ref.model';

export enum OfferStatusEnum {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  EXPIRED = 'EXPIRED',
  DELIVERED = 'DELIVERED',
}
registerEnumType(OfferStatusEnum, { name: 'OfferStatus' });

@ObjectType('Trip', { description: 'A trip someone drives anyway, with free space others can book.' })
@Directive('@key(fields: "id")')
export class TripModel {
  @Field(() => ID) id: string;
  @Field(() => ID) ownerOrganisationId: string;
  @Field() vehicleType: string;
  @Field(() => PlaceModel) origin: PlaceModel;
  @Field(() => [PlaceModel]) stops: PlaceModel[];
  @Field(() => PlaceModel) destination: PlaceModel;
  @Field(() => Float, { description: 'Approximated road km origin -> stops -> destination.' }) routeKm: number;
  @Field() departureEarliest: Date;
  @Field() departureLatest: Date;
  @Field(() => QuantitiesModel) capacity: QuantitiesModel;
  @Field(() => QuantitiesModel, { description: 'Free space not yet reserved; never below zero.' }) remaining: QuantitiesModel;
  @Field(() => TemperatureZone) temperatureZone: TemperatureZone;
  @Field(() => Handling) handling: Handling;
  @Field(() => Float) pricePerPalletEur: number;
  @Field(() => Float) pricePerCrateEur: number;
  @Field(() => Float) pricePerKgEur: number;
  @Field(() => Float) maxDetourKm: number;
  @Field(() => Int) maxDetourMinutes: number;
  @Field(() => LoadClass) loadClass: LoadClass;
  @Field() organicOnly: boolean;
  @Field() status: string;
}

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

@ObjectType('Offer')
export class OfferModel {
  @Field(() => ID) id: string;
  @Field(() => ID) tripId: string;
  @Field(() => ID) shipmentId: string;
  @Field(() => Float) priceEur: number;
  @Field(() => OfferStatusEnum) status: OfferStatusEnum;
  @Field() expiresAt: Date;
}

@ObjectType('Shipment', { description: 'Goods a producer wants carried.' })
@Directive('@key(fields: "id")')
export class ShipmentModel {
  @Field(() => ID) id: string;
  @Field(() => ID) shipperOrganisationId: string;
  @Field(() => PlaceModel) pickup: PlaceModel;
  @Field(() => PlaceModel) dropoff: PlaceModel;
  @Field() pickupEarliest: Date;
  @Field() pickupLatest: Date;
  @Field() dropoffEarliest: Date;
  @Field() dropoffLatest: Date;
  @Field(() => QuantitiesModel) quantities: QuantitiesModel;
  @Field(() => Float) declaredValueEur: number;
  @Field(() => TemperatureZone) temperatureZone: TemperatureZone;
  @Field(() => LoadClass) loadClass: LoadClass;
  @Field() organic: boolean;
  @Field(() => Int, { nullable: true }) maxTimeInVehicleMinutes: number | null;
  @Field(() => Float, { description: 'Approximated road km the trips carry it: pickup -> drop-off, or pickup -> hub.' }) legKm: number;
  @Field(() => ID, { nullable: true, description: 'Consolidation hub it goes through; trips then carry it from the pickup to the hub.' })
  viaHubId: string | null;
  @Field(() => ShipmentAccountModel, { nullable: true, description: 'Set once an offer is accepted.' })
  account: ShipmentAccountModel | null;
  @Field(() => BookingRef, { nullable: true, description: 'The machine booking whose output it is, when asked for from the booking (askCoDelivery).' })
  sourceBooking: BookingRef | null;
}

@ObjectType('TripMatch')
export class TripMatchModel {
  @Field(() => TripModel) trip: TripModel;
  @Field(() => Float, { description: 'Road km the trip adds to pick up and drop off.' }) detourKm: number;
  @Field(() => Float) detourMinutes: number;
  @Field(() => Float, { description: 'Slack in the tighter of the two time windows, minutes.' }) windowSlackMinutes: number;
  @Field(() => Float, { description: 'Price at the trip rates for this shipment, EUR.' }) priceEur: number;
  @Field(() => Float) score: number;
}

@ObjectType('ShipmentSuggestion', { description: "A shipment along a trip's way, as its owner sees it (no declared value)." })
export class ShipmentSuggestionModel {
  @Field(() => ID) shipmentId: string;
  @Field(() => PlaceModel) pickup: PlaceModel;
  @Field(() => PlaceModel, { description: 'Where the trip would leave it: the drop-off, or the hub it is routed through.' }) dropoff: PlaceModel;
  @Field() pickupEarliest: Date;
  @Field() pickupLatest: Date;
  @Field() dropoffEarliest: Date;
  @Field() dropoffLatest: Date;
  @Field(() => QuantitiesModel) quantities: QuantitiesModel;
  @Field(() => TemperatureZone) temperatureZone: TemperatureZone;
  @Field(() => LoadClass) loadClass: LoadClass;
  @Field(() => Float) detourKm: number;
  @Field(() => Float) detourMinutes: number;
  @Field(() => Float) windowSlackMinutes: number;
  @Field(() => Float, { description: "At the trip's rates, EUR." }) priceEur: number;
  @Field(() => Float) score: number;
}
