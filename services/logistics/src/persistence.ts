import { MESSAGING_MIGRATIONS } from '@rim/messaging';
import { Delivery } from './deliveries/delivery.entity';
import { Hub } from './hubs/hub.entity';
import { KnownOrganisation } from './organisations/known-organisation.entity';
import { KnownSite } from './organisations/known-site.entity';
import { MatchingCorridor1764100000200 } from './migrations/1764100000200-matching-corridor';
import { MatchingEllipse1764100000400 } from './migrations/1764100000400-matching-ellipse';
import { OrganisationNameFreshness1764300005100 } from './migrations/1764300005100-organisation-name-freshness';
import { ShipmentFromBooking1764400001100 } from './migrations/1764400001100-shipment-from-booking';
import { Offer, ShipmentRequest } from './shipments/shipment.entity';
import { Tour, TourSignup, TourStop } from './tours/tour.entity';
import { ToursHubsDeliveries1764100000300 } from './migrations/1764100000300-tours-hubs-deliveries';
import { Trip } from './trips/trip.entity';
import { TripsShipmentsOffers1764100000100 } from './migrations/1764100000100-trips-shipments-offers';

/** Every table of the service, for the app and for tests that open the database themselves. */
export const logisticsEntities = [Trip, ShipmentRequest, Offer, Hub, Tour, TourStop, TourSignup, Delivery, KnownOrganisation, KnownSite];

/** Every migration, in order; never edit one that has shipped, add the next. */
export const logisticsMigrations = [
  ...MESSAGING_MIGRATIONS,
  TripsShipmentsOffers1764100000100,
  MatchingCorridor1764100000200,
  ToursHubsDeliveries1764100000300,
  MatchingEllipse1764100000400,
  OrganisationNameFreshness1764300005100,
  ShipmentFromBooking1764400001100,
];
