import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagingModule, messagingEntities } from '@rim/messaging';
import { serviceDataSourceOptions } from '@rim/persistence';
import { HealthController, SUBGRAPH_PROVIDERS, subgraphModules } from '@rim/service-kit';
import { CapacityHoldChangedHandler } from './bids/handlers/capacity-hold-changed.handler';
import { CapabilitiesUpdatedHandler } from './directory/handlers/capabilities-updated.handler';
import { OrganisationRegisteredHandler } from './directory/handlers/organisation-registered.handler';
import { OrganisationUpdatedHandler } from './directory/handlers/organisation-updated.handler';
import { tenderingEntities, tenderingMigrations } from './persistence';
import { AssetListedHandler } from './suggestions/handlers/asset-listed.handler';
import { BookingCancelledHandler } from './suggestions/handlers/booking-cancelled.handler';
import { BookingConfirmedHandler } from './suggestions/handlers/booking-confirmed.handler';
import { CapacityDeclaredHandler } from './suggestions/handlers/capacity-declared.handler';
import { CapacityExpiredHandler } from './suggestions/handlers/capacity-expired.handler';
import { SiteAddedHandler } from './suggestions/handlers/site-added.handler';
import type { TenderingConfig } from './tendering.config';
import { TenderingModule } from './tendering.module';

@Module({})
export class AppModule {
  static forRoot(config: TenderingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot({
          ...serviceDataSourceOptions({
            url: config.TENDERING_DATABASE_URL,
            entities: [...tenderingEntities, ...messagingEntities],
            migrations: tenderingMigrations,
            applicationName: 'tendering',
            poolSize: config.TENDERING_DB_POOL_SIZE,
          }),
          migrationsRun: true,
        }),
        MessagingModule.forRoot({
          service: 'tendering',
          brokers: config.KAFKA_BROKERS,
          handlers: [
            OrganisationRegisteredHandler, OrganisationUpdatedHandler, CapabilitiesUpdatedHandler,
            SiteAddedHandler, CapacityDeclaredHandler, CapacityExpiredHandler,
            AssetListedHandler, BookingConfirmedHandler, BookingCancelledHandler,
            CapacityHoldChangedHandler,
          ],
        }),
        ...subgraphModules(config),
        TenderingModule.forRoot(config),
      ],
      controllers: [HealthController],
      providers: [...SUBGRAPH_PROVIDERS],
    };
  }
}
