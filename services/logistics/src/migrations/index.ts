import { MESSAGING_MIGRATIONS } from '@rim/messaging';
import { MatchingCorridor1764100000200 } from './1764100000200-matching-corridor';
import { MatchingEllipse1764100000400 } from './1764100000400-matching-ellipse';
import { OrganisationNameFreshness1764300005100 } from './1764300005100-organisation-name-freshness';
import { ShipmentFromBooking1764400001100 } from './1764400001100-shipment-from-booking';
import { ToursHubsDeliveries1764100000300 } from './1764100000300-tours-hubs-deliveries';
import { TripsShipmentsOffers1764100000100 } from './1764100000100-trips-shipments-offers';

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
