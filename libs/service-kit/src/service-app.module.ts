import type { DynamicModule, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import type { ServiceConfig } from '@rim/config';
import { MessagingModule, messagingEntities, type MessagingModuleOptions } from '@rim/messaging';
import { migratedDataSource, serviceDataSourceOptions, type ServiceDataSourceOptions } from '@rim/persistence';
import { HealthController } from './health.controller';
import { SUBGRAPH_PROVIDERS, subgraphModules } from './subgraph.module';

/** What differs from one service's root module to the next. */
export interface ServiceAppOptions {
  /** The service's AppModule class, which `forRoot` returns this for. */
  module: Type;
  config: ServiceConfig;
  /** The service's own database; the messaging tables' entities are added to its list. */
  database: ServiceDataSourceOptions & { entities: Extract<ServiceDataSourceOptions['entities'], unknown[]> };
  /** TypeORM settings beside the defaults of serviceDataSourceOptions (booking turns query logging off). */
  databaseOverrides?: Partial<DataSourceOptions>;
  messaging: MessagingModuleOptions;
  /** The service module (`BookingModule.forRoot(config)`): its aggregate modules. */
  feature: DynamicModule;
}

/**
 * The root module every service has (docs/service-template.md): its database opened and migrated
 * under the migration lock, the outbox and inbox on Kafka, the subgraph (auth, GraphQL federation,
 * validation, error filters), the service's own module, `/healthz`. The import order is part of the
 * contract: Nest reads resolvers along it, and the committed SDL lists fields in that order.
 *
 * @example
 * AppModule.forRoot = (config: AtlasConfig) => serviceAppModule({ module: AppModule, config,
 *   database: { url: config.ATLAS_DATABASE_URL, entities: atlasEntities, migrations: atlasMigrations, applicationName: 'atlas' },
 *   messaging: { service: 'atlas', brokers: config.KAFKA_BROKERS, handlers: ATLAS_HANDLERS },
 *   feature: AtlasModule.forRoot(config) });
 */
export function serviceAppModule(options: ServiceAppOptions): DynamicModule {
  const { database } = options;
  return {
    module: options.module,
    imports: [
      TypeOrmModule.forRootAsync(
        migratedDataSource({
          ...serviceDataSourceOptions({ ...database, entities: [...database.entities, ...messagingEntities] }),
          ...options.databaseOverrides,
        } as DataSourceOptions),
      ),
      MessagingModule.forRoot(options.messaging),
      ...subgraphModules(options.config),
      options.feature,
    ],
    controllers: [HealthController],
    providers: [...SUBGRAPH_PROVIDERS],
  };
}
