import { CapacityHoldChangedSchema } from './gen/marketplace/booking/v1/capacity_hold_pb';
import { AssetListedSchema, AvailabilityChangedSchema } from './gen/marketplace/booking/v1/asset_pb';
import {
  AuthorisationGrantedSchema,
  BookingCancelledSchema,
  BookingCompletedSchema,
  BookingConfirmedSchema,
  CoDeliveryRequestedSchema,
} from './gen/marketplace/booking/v1/booking_pb';

/** Topics owned by the booking service. */
export const BookingTopic = {
  AssetListed: 'booking.asset-listed.v1',
  AvailabilityChanged: 'booking.availability-changed.v1',
  BookingConfirmed: 'booking.booking-confirmed.v1',
  BookingCancelled: 'booking.booking-cancelled.v1',
  BookingCompleted: 'booking.booking-completed.v1',
  AuthorisationGranted: 'booking.authorisation-granted.v1',
  CoDeliveryRequested: 'booking.co-delivery-requested.v1',
  CapacityHoldChanged: 'booking.capacity-hold-changed.v1',
} as const;

export const BOOKING_TOPIC_SCHEMAS = {
  [BookingTopic.AssetListed]: AssetListedSchema,
  [BookingTopic.AvailabilityChanged]: AvailabilityChangedSchema,
  [BookingTopic.BookingConfirmed]: BookingConfirmedSchema,
  [BookingTopic.BookingCancelled]: BookingCancelledSchema,
  [BookingTopic.BookingCompleted]: BookingCompletedSchema,
  [BookingTopic.AuthorisationGranted]: AuthorisationGrantedSchema,
  [BookingTopic.CoDeliveryRequested]: CoDeliveryRequestedSchema,
  [BookingTopic.CapacityHoldChanged]: CapacityHoldChangedSchema,
} as const;
