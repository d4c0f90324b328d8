import { Directive, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { BookingRef } from '../bookings/booking-ref.model';
import { LoadClass, TemperatureZone } from '../common/cargo.enums';
import { PlaceModel } from '../common/place.model';
import { QuantitiesModel } from '../common/quantities.model';
import { ShipmentAccountModel } from './shipment-account.model';
import type { ShipmentRequest } from './shipment.entity';

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

export function shipmentModel(s: ShipmentRequest): ShipmentModel {
  return {
    id: s.id,
    shipperOrganisationId: s.shipperOrganisationId,
    pickup: s.pickup,
    dropoff: s.dropoff,
    pickupEarliest: s.pickupEarliest,
    pickupLatest: s.pickupLatest,
    dropoffEarliest: s.dropoffEarliest,
    dropoffLatest: s.dropoffLatest,
    quantities: { pallets: s.pallets, crates: s.crates, kg: s.kg },
    declaredValueEur: s.declaredValueEur,
    temperatureZone: s.temperatureZone as TemperatureZone,
    loadClass: s.loadClass as LoadClass,
    organic: s.organic,
    maxTimeInVehicleMinutes: s.maxTimeInVehicleMinutes,
    legKm: s.legKm,
    viaHubId: s.viaHubId,
    account: null, // resolved on demand
    sourceBooking: s.sourceBookingId ? { id: s.sourceBookingId } : null,
  };
}
