import { AssetListedHandler } from './asset-listed.handler';
import { AvailabilityChangedHandler } from './availability-changed.handler';
import { BookingCancelledHandler } from './booking-cancelled.handler';
import { BookingCompletedHandler } from './booking-completed.handler';
import { BookingConfirmedHandler } from './booking-confirmed.handler';
import { CapabilitiesUpdatedHandler } from './capabilities-updated.handler';
import { CapacityDeclaredHandler } from './capacity-declared.handler';
import { CapacityExpiredHandler } from './capacity-expired.handler';
import { ConsortiumFormedHandler } from './consortium-formed.handler';
import { ContractSignedHandler } from './contract-signed.handler';
import { LotAwardedHandler } from './lot-awarded.handler';
import { OfferAcceptedHandler } from './offer-accepted.handler';
import { OrganisationRegisteredHandler } from './organisation-registered.handler';
import { OrganisationUpdatedHandler } from './organisation-updated.handler';
import { ShipmentDeliveredHandler } from './shipment-delivered.handler';
import { SiteAddedHandler } from './site-added.handler';
import { TenderClosedHandler } from './tender-closed.handler';
import { TenderPublishedHandler } from './tender-published.handler';
import { TenderStatusChangedHandler } from './tender-status-changed.handler';
import { TripPostedHandler } from './trip-posted.handler';

/** Every event the atlas consumes, by owning service. */
export const ATLAS_HANDLERS = [
  // directory
  OrganisationRegisteredHandler,
  OrganisationUpdatedHandler,
  SiteAddedHandler,
  CapacityDeclaredHandler,
  CapacityExpiredHandler,
  CapabilitiesUpdatedHandler,
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
  // tendering
  TenderPublishedHandler,
  TenderStatusChangedHandler,
  TenderClosedHandler,
  ConsortiumFormedHandler,
  LotAwardedHandler,
  ContractSignedHandler,
];
