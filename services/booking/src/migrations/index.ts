import { MESSAGING_MIGRATIONS } from '@rim/messaging';
import { Booking1763900001000 } from './1763900001000-booking';
import { OrganisationNameFreshness1764300005000 } from './1764300005000-organisation-name-freshness';
import { CoDeliveryRequest1764400001000 } from './1764400001000-co-delivery-request';
import { CapacityHolds1764600001000 } from './1764600001000-capacity-holds';

/** Every migration, in order; never edit one that has shipped, add the next. */
export const bookingMigrations = [
  ...MESSAGING_MIGRATIONS,
  Booking1763900001000,
  OrganisationNameFreshness1764300005000,
  CoDeliveryRequest1764400001000,
  CapacityHolds1764600001000,
];
