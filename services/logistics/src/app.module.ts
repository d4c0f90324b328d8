import './schema-types';
import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagingModule, messagingEntities } from '@rim/messaging';
import { logisticsEntities } from './entities';
import { logisticsMigrations } from './migrations';
import { migratedDataSource, serviceDataSourceOptions } from '@rim/persistence';
import { HealthController, SUBGRAPH_PROVIDERS, subgraphModules } from '@rim/service-kit';
import type { LogisticsConfig } from './logistics.config';
import { LogisticsModule } from './logistics.module';
import { ORGANISATION_EVENT_HANDLERS } from './organisations/organisations.module';
import { SHIPMENT_EVENT_HANDLERS } from './shipments/shipments.module';

@Module({})
export class AppModule {
  static forRoot(config: LogisticsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRootAsync(
          migratedDataSource({
            ...serviceDataSourceOptions({
              url: config.LOGISTICS_DATABASE_URL,
              entities: [...logisticsEntities, ...messagingEntities],
              migrations: logisticsMigrations,
              applicationName: 'logistics',
              poolSize: config.LOGISTICS_DB_POOL_SIZE,
            }),
          }),
        ),
        MessagingModule.forRoot({
          service: 'logistics',
          brokers: config.KAFKA_BROKERS,
          handlers: [...ORGANISATION_EVENT_HANDLERS, ...SHIPMENT_EVENT_HANDLERS],
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
