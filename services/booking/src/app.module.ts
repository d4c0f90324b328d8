import './schema-types';
import { Module, type DynamicModule } from '@nestjs/common';
import { serviceAppModule } from '@rim/service-kit';
import type { BookingConfig } from './booking.config';
import { BookingModule } from './booking.module';
import { bookingEntities } from './entities';
import { bookingMigrations } from './migrations';
import { CAPACITY_HOLD_EVENT_HANDLERS } from './holds/capacity-holds.module';
import { ORGANISATION_EVENT_HANDLERS } from './organisations/organisations.module';

@Module({})
export class AppModule {
  static forRoot(config: BookingConfig): DynamicModule {
    return serviceAppModule({
      module: AppModule,
      config,
      database: {
        url: config.BOOKING_DATABASE_URL,
        entities: bookingEntities,
        migrations: bookingMigrations,
        applicationName: 'booking',
        poolSize: config.BOOKING_DB_POOL_SIZE,
      },
      // Under contention most failed queries are expected exclusion violations (23P01), which
      // the service turns into CONFLICT answers; unexpected ones are logged by formatError.
      databaseOverrides: { logging: false },
      messaging: { service: 'booking', brokers: config.KAFKA_BROKERS, handlers: [...ORGANISATION_EVENT_HANDLERS, ...CAPACITY_HOLD_EVENT_HANDLERS] },
      feature: BookingModule.forRoot(config),
    });
  }
}
