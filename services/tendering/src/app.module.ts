import './schema-types';
import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagingModule, messagingEntities } from '@rim/messaging';
import { migratedDataSource, serviceDataSourceOptions } from '@rim/persistence';
import { HealthController, SUBGRAPH_PROVIDERS, subgraphModules } from '@rim/service-kit';
import { BID_EVENT_HANDLERS } from './bids/bids.module';
import { tenderingEntities } from './entities';
import { tenderingMigrations } from './migrations';
import { ORGANISATION_EVENT_HANDLERS } from './organisations/organisations.module';
import { SUGGESTION_EVENT_HANDLERS } from './suggestions/suggestions.module';
import type { TenderingConfig } from './tendering.config';
import { TenderingModule } from './tendering.module';

@Module({})
export class AppModule {
  static forRoot(config: TenderingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRootAsync(
          migratedDataSource({
            ...serviceDataSourceOptions({
              url: config.TENDERING_DATABASE_URL,
              entities: [...tenderingEntities, ...messagingEntities],
              migrations: tenderingMigrations,
              applicationName: 'tendering',
              poolSize: config.TENDERING_DB_POOL_SIZE,
            }),
          }),
        ),
        MessagingModule.forRoot({
          service: 'tendering',
          brokers: config.KAFKA_BROKERS,
          handlers: [...ORGANISATION_EVENT_HANDLERS, ...SUGGESTION_EVENT_HANDLERS, ...BID_EVENT_HANDLERS],
        }),
        ...subgraphModules(config),
        TenderingModule.forRoot(config),
      ],
      controllers: [HealthController],
      providers: [...SUBGRAPH_PROVIDERS],
    };
  }
}
