import { OfferAcceptedSchema, ShipmentDeliveredSchema } from './gen/marketplace/logistics/v1/shipment_pb';
import { TourScheduledSchema, TripCapacityChangedSchema, TripPostedSchema } from './gen/marketplace/logistics/v1/trip_pb';

/** Topics owned by the logistics service. */
export const LogisticsTopic = {
  TripPosted: 'logistics.trip-posted.v1',
  TripCapacityChanged: 'logistics.trip-capacity-changed.v1',
  OfferAccepted: 'logistics.offer-accepted.v1',
  ShipmentDelivered: 'logistics.shipment-delivered.v1',
  TourScheduled: 'logistics.tour-scheduled.v1',
} as const;

export const LOGISTICS_TOPIC_SCHEMAS = {
  [LogisticsTopic.TripPosted]: TripPostedSchema,
  [LogisticsTopic.TripCapacityChanged]: TripCapacityChangedSchema,
  [LogisticsTopic.OfferAccepted]: OfferAcceptedSchema,
  [LogisticsTopic.ShipmentDelivered]: ShipmentDeliveredSchema,
  [LogisticsTopic.TourScheduled]: TourScheduledSchema,
} as const;
