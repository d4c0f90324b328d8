import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagingModule, messagingEntities } from '@rim/messaging';
import { logisticsEntities, logisticsMigrations } from './persistence';
import { serviceDataSourceOptions } from '@rim/persistence';
import { HealthController, SUBGRAPH_PROVIDERS, subgraphModules } from '@rim/service-kit';
import type { LogisticsConfig } from './logistics.config';
import { OrganisationRegisteredHandler } from './organisations/handlers/organisation-registered.handler';
import { SiteAddedHandler } from './organisations/handlers/site-added.handler';
import { OrganisationUpdatedHandler } from './organisations/handlers/organisation-updated.handler';
import { LogisticsModule } from './logistics.module';
import { CoDeliveryRequestedHandler } from './shipments/handlers/co-delivery-requested.handler';

@Module({})
export class AppModule {
  static forRoot(config: LogisticsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot({
          ...serviceDataSourceOptions({
            url: config.LOGISTICS_DATABASE_URL,
            entities: [...logisticsEntities, ...messagingEntities],
            migrations: logisticsMigrations,
            applicationName: 'logistics',
            poolSize: config.LOGISTICS_DB_POOL_SIZE,
          }),
          migrationsRun: true,
        }),
        MessagingModule.forRoot({
          service: 'logistics',
          brokers: config.KAFKA_BROKERS,
          handlers: [OrganisationRegisteredHandler, OrganisationUpdatedHandler, SiteAddedHandler, CoDeliveryRequestedHandler],
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
