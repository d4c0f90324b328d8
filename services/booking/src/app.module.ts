import './schema-types';
import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagingModule, messagingEntities } from '@rim/messaging';
import { migratedDataSource, serviceDataSourceOptions } from '@rim/persistence';
import { HealthController, SUBGRAPH_PROVIDERS, subgraphModules } from '@rim/service-kit';
import type { BookingConfig } from './booking.config';
import { BookingModule } from './booking.module';
import { bookingEntities } from './entities';
import { CAPACITY_HOLD_EVENT_HANDLERS } from './holds/capacity-holds.module';
import { bookingMigrations } from './migrations';
import { ORGANISATION_EVENT_HANDLERS } from './organisations/organisations.module';

@Module({})
export class AppModule {
  static forRoot(config: BookingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRootAsync(
          migratedDataSource({
            ...serviceDataSourceOptions({
              url: config.BOOKING_DATABASE_URL,
              entities: [...bookingEntities, ...messagingEntities],
              migrations: bookingMigrations,
              applicationName: 'booking',
              poolSize: config.BOOKING_DB_POOL_SIZE,
            }),
            // Under contention most failed queries are expected exclusion violations (23P01), which
            // the service turns into CONFLICT answers; unexpected ones are logged by formatError.
            logging: false,
          }),
        ),
        MessagingModule.forRoot({
          service: 'booking',
          brokers: config.KAFKA_BROKERS,
          handlers: [...ORGANISATION_EVENT_HANDLERS, ...CAPACITY_HOLD_EVENT_HANDLERS],
        }),
        ...subgraphModules(config),
        BookingModule.forRoot(config),
      ],
      controllers: [HealthController],
      providers: [
        ...SUBGRAPH_PROVIDERS,
      ],
    };
  }
}
