import { Field, ID, Int, Float, ObjectType } from '@nestjs/graphql';
import { PlaceModel } from '../common/place.model';
import { QuantitiesModel } from '../common/quantities.model';
import { TemperatureZone } from '../common/cargo.enums';
import { TourRoleEnum } from './dto/schedule-tour.input';

@ObjectType('TourStop')
export class TourStopModel {
  @Field(() => Int, { description: 'Position in driving order, from 0.' }) index: number;
  @Field(() => PlaceModel) place: PlaceModel;
  @Field(() => ID, { nullable: true }) hubId: string | null;
  @Field(() => Int) minutesAfterDeparture: number;
}

@ObjectType('TourSignup', { description: 'A producer or customer on some of the tour days, at one stop.' })
export class TourSignupModel {
  @Field(() => ID) id: string;
  @Field(() => ID) organisationId: string;
  @Field(() => Int) stopIndex: number;
  @Field(() => TourRoleEnum) role: TourRoleEnum;
  @Field(() => [Int]) weekdays: number[];
}

@ObjectType('Tour', { description: 'A delivery round driven every week on the same days, with fixed stops.' })
export class TourModel {
  @Field(() => ID) id: string;
  @Field(() => ID) ownerOrganisationId: string;
  @Field() name: string;
  @Field() vehicleType: string;
  @Field(() => [Int], { description: 'ISO weekdays, 1 = Monday.' }) weekdays: number[];
  @Field({ description: 'Local (Europe/Paris) time, HH:MM.' }) departureTime: string;
  @Field(() => TemperatureZone) temperatureZone: TemperatureZone;
  @Field(() => QuantitiesModel) capacity: QuantitiesModel;
  @Field(() => Float) routeKm: number;
  @Field(() => [TourStopModel]) stops: TourStopModel[];
}
