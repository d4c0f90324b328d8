import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagingModule, MessagingTables1763900000000, messagingEntities } from '@rim/messaging';
import { serviceDataSourceOptions } from '@rim/persistence';
import { HealthController, SUBGRAPH_PROVIDERS, subgraphModules } from '@rim/service-kit';
import type { LogisticsConfig } from './logistics.config';
import { TripsShipmentsOffers1764100000100 } from './migrations/1764100000100-trips-shipments-offers';
import { MatchingCorridor1764100000200 } from './migrations/1764100000200-matching-corridor';
import { ToursHubsDeliveries1764100000300 } from './migrations/1764100000300-tours-hubs-deliveries';
import { MatchingEllipse1764100000400 } from './migrations/1764100000400-matching-ellipse';
import { Delivery } from './deliveries/delivery.entity';
import { Hub } from './hubs/hub.entity';
import { OrganisationRegisteredHandler } from './organisations/handlers/organisation-registered.handler';
import { SiteAddedHandler } from './organisations/handlers/site-added.handler';
import { KnownOrganisation } from './organisations/known-organisation.entity';
import { KnownSite } from './organisations/known-site.entity';
import { Tour, TourSignup, TourStop } from './tours/tour.entity';
import { LogisticsModule } from './logistics.module';
import { Offer, ShipmentRequest } from './shipments/shipment.entity';
import { Trip } from './trips/trip.entity';

@Module({})
export class AppModule {
  static forRoot(config: LogisticsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot({
          ...serviceDataSourceOptions({
            url: config.LOGISTICS_DATABASE_URL,
            entities: [Trip, ShipmentRequest, Offer, Hub, Tour, TourStop, TourSignup, Delivery, KnownOrganisation, KnownSite, ...messagingEntities],
            migrations: [MessagingTables1763900000000, TripsShipmentsOffers1764100000100, MatchingCorridor1764100000200, ToursHubsDeliveries1764100000300, MatchingEllipse1764100000400],
            applicationName: 'logistics',
            poolSize: config.LOGISTICS_DB_POOL_SIZE,
          }),
          migrationsRun: true,
        }),
        MessagingModule.forRoot({
          service: 'logistics',
          brokers: config.KAFKA_BROKERS,
          handlers: [OrganisationRegisteredHandler, SiteAddedHandler],
        }),
        ...subgraphModules(config),
        LogisticsModule.forRoot(config),
      ],
      controllers: [HealthController],
      providers: [
        ...SUBGRAPH_PROVIDERS,
      ],
    };
  }
}
