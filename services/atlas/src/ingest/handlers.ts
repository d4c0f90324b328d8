import { AssetListedHandler } from './asset-listed.handler';
import { AvailabilityChangedHandler } from './availability-changed.handler';
import { BookingCancelledHandler } from './booking-cancelled.handler';
import { BookingCompletedHandler } from './booking-completed.handler';
import { BookingConfirmedHandler } from './booking-confirmed.handler';
import { CapacityDeclaredHandler } from './capacity-declared.handler';
import { CapacityExpiredHandler } from './capacity-expired.handler';
import { OfferAcceptedHandler } from './offer-accepted.handler';
import { OrganisationRegisteredHandler } from './organisation-registered.handler';
import { OrganisationUpdatedHandler } from './organisation-updated.handler';
import { ShipmentDeliveredHandler } from './shipment-delivered.handler';
import { SiteAddedHandler } from './site-added.handler';
import { TripPostedHandler } from './trip-posted.handler';

/**
 * Every event the atlas consumes, by owning service. Tendering's events (calls for tenders,
 * consortia, awards) join as one more block here once its topics exist in @rim/contracts.
 */
export const ATLAS_HANDLERS = [
  // directory
  OrganisationRegisteredHandler,
  OrganisationUpdatedHandler,
  SiteAddedHandler,
  CapacityDeclaredHandler,
  CapacityExpiredHandler,
  // booking
  AssetListedHandler,
  AvailabilityChangedHandler,
  BookingConfirmedHandler,
  BookingCancelledHandler,
  BookingCompletedHandler,
  // logistics
  TripPostedHandler,
  OfferAcceptedHandler,
  ShipmentDeliveredHandler,
];
