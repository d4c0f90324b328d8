/*
 * The committed schema.graphql lists the object types in the order their classes are first loaded.
 * Loading them here, before anything else, in the order that file has always had, keeps it stable
 * whatever the folder layout: issue 10 moved every model out of the entities into its aggregate's
 * folder without changing a byte of the SDL. A new model goes at the end.
 */
import './assets/opening-window.model';
import './assets/asset-spec.model';
import './assets/asset.model';
import './bookings/booking.model';
import './bookings/free-slot.model';
import './assets/utilisation.model';
import './bookings/reschedule-answer.model';
import './plans/plan.model';
import './trainings/training.model';
import './trainings/authorisation.model';
import './bookings/waitlist-entry.model';
import './organisations/organisation-ref.model';
import './organisations/site-ref.model';
import './plans/plan-subscription.model';
import './co-deliveries/co-delivery-request.model';
