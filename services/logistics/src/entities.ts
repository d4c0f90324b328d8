import { Delivery } from './deliveries/delivery.entity';
import { Hub } from './hubs/hub.entity';
import { KnownOrganisation } from './organisations/known-organisation.entity';
import { KnownSite } from './organisations/known-site.entity';
import { Offer, ShipmentRequest } from './shipments/shipment.entity';
import { Tour, TourSignup, TourStop } from './tours/tour.entity';
import { Trip } from './trips/trip.entity';

/** Every table of the service, for the app and for tests that open the database themselves. */
export const logisticsEntities = [Trip, ShipmentRequest, Offer, Hub, Tour, TourStop, TourSignup, Delivery, KnownOrganisation, KnownSite];
