import { Asset } from './assets/asset.entity';
import { BlackoutRow } from './assets/blackout.entity';
import { Booking } from './bookings/booking.entity';
import { CoDeliveryRequest } from './co-deliveries/co-delivery-request.entity';
import { WaitlistEntry } from './bookings/waitlist-entry.entity';
import { KnownOrganisation } from './organisations/known-organisation.entity';
import { KnownSite } from './organisations/known-site.entity';
import { Plan } from './plans/plan.entity';
import { Subscription } from './plans/subscription.entity';
import { Authorisation } from './trainings/authorisation.entity';
import { Training } from './trainings/training.entity';

export const bookingEntities = [Asset, BlackoutRow, Booking, CoDeliveryRequest, WaitlistEntry, KnownOrganisation, KnownSite, Plan, Subscription, Authorisation, Training];
