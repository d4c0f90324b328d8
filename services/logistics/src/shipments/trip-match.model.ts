import { Field, Float, ObjectType } from '@nestjs/graphql';
import type { TripMatchResult } from '../matching/matching';
import type { Trip } from '../trips/trip.entity';
import { TripModel, tripModel } from '../trips/trip.model';

@ObjectType('TripMatch')
export class TripMatchModel {
  @Field(() => TripModel) trip: TripModel;
  @Field(() => Float, { description: 'Road km the trip adds to pick up and drop off.' }) detourKm: number;
  @Field(() => Float) detourMinutes: number;
  @Field(() => Float, { description: 'Slack in the tighter of the two time windows, minutes.' }) windowSlackMinutes: number;
  @Field(() => Float, { description: 'Price at the trip rates for this shipment, EUR.' }) priceEur: number;
  @Field(() => Float) score: number;
}

export function tripMatchModel(m: TripMatchResult & { trip: Trip; priceEur: number }): TripMatchModel {
  return {
    trip: tripModel(m.trip),
    detourKm: m.detour.km,
    detourMinutes: m.detour.minutes,
    windowSlackMinutes: m.windowSlackMinutes,
    priceEur: m.priceEur,
    score: m.score,
  };
}
