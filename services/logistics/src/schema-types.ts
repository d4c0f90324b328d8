/*
 * The committed schema.graphql lists the object types in the order their classes are first loaded.
 * Loading them here, before anything else, in the order that file has always had, keeps it stable
 * whatever the folder layout: issue 10 moved every model into its aggregate's folder without
 * changing a byte of the SDL. A new model goes at the end.
 */
import './bookings/booking-ref.model';
import './common/place.model';
import './common/quantities.model';
import './trips/trip.model';
import './shipments/shipment-account.model';
import './shipments/offer.model';
import './shipments/shipment.model';
import './shipments/trip-match.model';
import './shipments/shipment-suggestion.model';
import './bookings/co-delivery.model';
import './deliveries/delivery.model';
import './hubs/hub.model';
import './organisations/organisation-ref.model';
import './organisations/known-site.model';
import './tours/tour.model';
