import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { LoadClass, TemperatureZone } from '../common/cargo.enums';
import { PlaceModel } from '../common/place.model';
import { QuantitiesModel } from '../common/quantities.model';

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
