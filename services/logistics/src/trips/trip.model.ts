import { Directive, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Handling, LoadClass, TemperatureZone } from '../common/cargo.enums';
import { PlaceModel } from '../common/place.model';
import { QuantitiesModel } from '../common/quantities.model';
import type { Trip } from './trip.entity';

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

export function tripModel(t: Trip): TripModel {
  return {
    id: t.id,
    ownerOrganisationId: t.ownerOrganisationId,
    vehicleType: t.vehicleType,
    origin: t.origin,
    stops: t.stops,
    destination: t.destination,
    routeKm: t.routeKm,
    departureEarliest: t.departureEarliest,
    departureLatest: t.departureLatest,
    capacity: { pallets: t.capacityPallets, crates: t.capacityCrates, kg: t.capacityKg },
    remaining: { pallets: t.remainingPallets, crates: t.remainingCrates, kg: t.remainingKg },
    temperatureZone: t.temperatureZone as TemperatureZone,
    handling: t.handling as Handling,
    pricePerPalletEur: t.pricePerPalletEur,
    pricePerCrateEur: t.pricePerCrateEur,
    pricePerKgEur: t.pricePerKgEur,
    maxDetourKm: t.maxDetourKm,
    maxDetourMinutes: t.maxDetourMinutes,
    loadClass: t.loadClass as LoadClass,
    organicOnly: t.organicOnly,
    status: t.status,
  };
}
