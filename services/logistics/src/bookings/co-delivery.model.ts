import { Field, ObjectType } from '@nestjs/graphql';
import { ShipmentModel } from '../shipments/shipment.model';
import { TripMatchModel } from '../shipments/trip-match.model';

/** What logistics answers to a booking's co-delivery ask: the shipment it made, and the trips able to carry it. */
@ObjectType('CoDelivery')
export class CoDeliveryModel {
  @Field(() => ShipmentModel)
  shipment: ShipmentModel;

  @Field(() => [TripMatchModel], { description: 'Open trips able to carry it, least added detour first.' })
  trips: TripMatchModel[];
}
