import './schema-types';
import { Module, type DynamicModule } from '@nestjs/common';
import { serviceAppModule } from '@rim/service-kit';
import type { LogisticsConfig } from './logistics.config';
import { LogisticsModule } from './logistics.module';
import { logisticsEntities } from './entities';
import { logisticsMigrations } from './migrations';
import { ORGANISATION_EVENT_HANDLERS } from './organisations/organisations.module';
import { SHIPMENT_EVENT_HANDLERS } from './shipments/shipments.module';

@Module({})
export class AppModule {
  static forRoot(config: LogisticsConfig): DynamicModule {
    return serviceAppModule({
      module: AppModule,
      config,
      database: {
        url: config.LOGISTICS_DATABASE_URL,
        entities: logisticsEntities,
        migrations: logisticsMigrations,
        applicationName: 'logistics',
        poolSize: config.LOGISTICS_DB_POOL_SIZE,
      },
      messaging: { service: 'logistics', brokers: config.KAFKA_BROKERS, handlers: [...ORGANISATION_EVENT_HANDLERS, ...SHIPMENT_EVENT_HANDLERS] },
      feature: LogisticsModule.forRoot(config),
    });
  }
}
