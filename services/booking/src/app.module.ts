import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagingModule, MessagingTables1763900000000, messagingEntities } from '@rim/messaging';
import { serviceDataSourceOptions } from '@rim/persistence';
import { HealthController, SUBGRAPH_PROVIDERS, subgraphModules } from '@rim/service-kit';
import type { BookingConfig } from './booking.config';
import { BookingModule } from './booking.module';
import { bookingEntities } from './entities';
import { Booking1763900001000 } from './migrations/1763900001000-booking';
import { OrganisationNameFreshness1764300005000 } from './migrations/1764300005000-organisation-name-freshness';
import { OrganisationRegisteredHandler } from './organisations/handlers/organisation-registered.handler';
import { OrganisationUpdatedHandler } from './organisations/handlers/organisation-updated.handler';
import { SiteAddedHandler } from './organisations/handlers/site-added.handler';

@Module({})
export class AppModule {
  static forRoot(config: BookingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot({
          ...serviceDataSourceOptions({
            url: config.BOOKING_DATABASE_URL,
            entities: [...bookingEntities, ...messagingEntities],
            migrations: [MessagingTables1763900000000, Booking1763900001000, OrganisationNameFreshness1764300005000],
            applicationName: 'booking',
            poolSize: config.BOOKING_DB_POOL_SIZE,
          }),
          // Under contention most failed queries are expected exclusion violations (23P01), which
          // the service turns into CONFLICT answers; unexpected ones are logged by formatError.
          logging: false,
          migrationsRun: true,
        }),
        MessagingModule.forRoot({
          service: 'booking',
          brokers: config.KAFKA_BROKERS,
          handlers: [OrganisationRegisteredHandler, OrganisationUpdatedHandler, SiteAddedHandler],
        }),
        ...subgraphModules(config),
        BookingModule,
      ],
      controllers: [HealthController],
      providers: [
        ...SUBGRAPH_PROVIDERS,
      ],
    };
  }
}
