import { Global, Module, type DynamicModule } from '@nestjs/common';
import { BookingsModule } from './bookings/bookings.module';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { GreatCircleRoadDistance, ROAD_DISTANCE } from './geo/road-distance';
import { HubsModule } from './hubs/hubs.module';
import type { LogisticsConfig } from './logistics.config';
import { OrganisationsModule } from './organisations/organisations.module';
import { SHIPMENT_OPTIONS } from './shipments/shipments.service';
import { ShipmentsModule } from './shipments/shipments.module';
import { ToursModule } from './tours/tours.module';
import { TripsModule } from './trips/trips.module';

/**
 * The aggregates of logistics, one module each, and the providers made from the configuration.
 * Those are global so that every aggregate module stays static (no `forRoot` of its own).
 */
@Global()
@Module({})
export class LogisticsModule {
  static forRoot(config: LogisticsConfig): DynamicModule {
    const settings = [
      // The one place to plug a real router (OSRM, Valhalla...) instead of the approximation.
      { provide: ROAD_DISTANCE, useValue: new GreatCircleRoadDistance(config.LOGISTICS_ROAD_FACTOR, config.LOGISTICS_ROAD_SPEED_KMH) },
      { provide: SHIPMENT_OPTIONS, useValue: { offerTtlHours: config.LOGISTICS_OFFER_TTL_HOURS } },
    ];
    return {
      module: LogisticsModule,
      imports: [TripsModule, ShipmentsModule, DeliveriesModule, HubsModule, ToursModule, OrganisationsModule, BookingsModule],
      providers: settings,
      exports: [ROAD_DISTANCE, SHIPMENT_OPTIONS],
    };
  }
}
