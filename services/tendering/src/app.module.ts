import './schema-types';
import { Module, type DynamicModule } from '@nestjs/common';
import { serviceAppModule } from '@rim/service-kit';
import type { TenderingConfig } from './tendering.config';
import { TenderingModule } from './tendering.module';
import { tenderingEntities } from './entities';
import { tenderingMigrations } from './migrations';
import { BID_EVENT_HANDLERS } from './bids/bids.module';
import { ORGANISATION_EVENT_HANDLERS } from './organisations/organisations.module';
import { SUGGESTION_EVENT_HANDLERS } from './suggestions/suggestions.module';

@Module({})
export class AppModule {
  static forRoot(config: TenderingConfig): DynamicModule {
    return serviceAppModule({
      module: AppModule,
      config,
      database: {
        url: config.TENDERING_DATABASE_URL,
        entities: tenderingEntities,
        migrations: tenderingMigrations,
        applicationName: 'tendering',
        poolSize: config.TENDERING_DB_POOL_SIZE,
      },
      messaging: { service: 'tendering', brokers: config.KAFKA_BROKERS, handlers: [...ORGANISATION_EVENT_HANDLERS, ...SUGGESTION_EVENT_HANDLERS, ...BID_EVENT_HANDLERS] },
      feature: TenderingModule.forRoot(config),
    });
  }
}
