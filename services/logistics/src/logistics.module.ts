import { Module, type DynamicModule } from '@nestjs/common';
import { BookingCoDeliveryResolver } from './bookings/booking-co-delivery.resolver';
import { DeliveriesResolver } from './deliveries/deliveries.resolver';
import { DeliveriesService } from './deliveries/deliveries.service';
import { GreatCircleRoadDistance, ROAD_DISTANCE } from './geo/road-distance';
import { HubsResolver } from './hubs/hubs.resolver';
import { HubsService } from './hubs/hubs.service';
import { OrganisationLogisticsResolver } from './organisations/organisation-logistics.resolver';
import { OrganisationsResolver } from './organisations/organisations.resolver';
import { ToursResolver } from './tours/tours.resolver';
import { ToursService } from './tours/tours.service';
import { SHIPMENT_OPTIONS, ShipmentsService } from './shipments/shipments.service';
import { ShipmentsResolver } from './shipments/shipments.resolver';
import { TripsResolver } from './trips/trips.resolver';
import { TripsService } from './trips/trips.service';
import type { LogisticsConfig } from './logistics.config';

@Module({})
export class LogisticsModule {
  static forRoot(config: LogisticsConfig): DynamicModule {
    return {
      module: LogisticsModule,
      providers: [
        // The one place to plug a real router (OSRM, Valhalla...) instead of the approximation.
        { provide: ROAD_DISTANCE, useValue: new GreatCircleRoadDistance(config.LOGISTICS_ROAD_FACTOR, config.LOGISTICS_ROAD_SPEED_KMH) },
        { provide: SHIPMENT_OPTIONS, useValue: { offerTtlHours: config.LOGISTICS_OFFER_TTL_HOURS } },
        TripsService,
        TripsResolver,
        ShipmentsService,
        ShipmentsResolver,
        BookingCoDeliveryResolver,
        DeliveriesService,
        DeliveriesResolver,
        HubsService,
        HubsResolver,
        ToursService,
        ToursResolver,
        OrganisationsResolver,
        OrganisationLogisticsResolver,
      ],
      exports: [TripsService, ShipmentsService],
    };
  }
}
