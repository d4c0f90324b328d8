import { Asset } from './assets/asset.entity';
import { BlackoutRow } from './assets/blackout.entity';
import { Booking } from './bookings/booking.entity';
import { WaitlistEntry } from './bookings/waitlist-entry.entity';
import { CoDeliveryRequest } from './co-deliveries/co-delivery-request.entity';
import { KnownOrganisation } from './organisations/known-organisation.entity';
import { KnownSite } from './organisations/known-site.entity';
import { Plan } from './plans/plan.entity';
import { Subscription } from './plans/subscription.entity';
import { Authorisation } from './trainings/authorisation.entity';
import { Training } from './trainings/training.entity';

/** Every table of the service, for the app and for tests that open the database themselves. */
export const bookingEntities = [Asset, BlackoutRow, Booking, CoDeliveryRequest, WaitlistEntry, KnownOrganisation, KnownSite, Plan, Subscription, Authorisation, Training];
