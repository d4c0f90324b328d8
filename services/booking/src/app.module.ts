import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MESSAGING_MIGRATIONS, MessagingModule, messagingEntities } from '@rim/messaging';
import { serviceDataSourceOptions } from '@rim/persistence';
import { HealthController, SUBGRAPH_PROVIDERS, subgraphModules } from '@rim/service-kit';
import type { BookingConfig } from './booking.config';
import { BookingModule } from './booking.module';
import { CoDeliveriesModule } from './co-deliveries/co-deliveries.module';
import { bookingEntities } from './entities';
import { Booking1763900001000 } from './migrations/1763900001000-booking';
import { OrganisationNameFreshness1764300005000 } from './migrations/1764300005000-organisation-name-freshness';
import { CoDeliveryRequest1764400001000 } from './migrations/1764400001000-co-delivery-request';
import { CapacityHolds1764600001000 } from './migrations/1764600001000-capacity-holds';
import { CapacityHoldsModule } from './holds/capacity-holds.module';
import { BidWithdrawnHandler } from './holds/handlers/bid-withdrawn.handler';
import { CapacityHoldRequestedHandler } from './holds/handlers/capacity-hold-requested.handler';
import { LotAwardedHandler } from './holds/handlers/lot-awarded.handler';
import { TenderStatusChangedHandler } from './holds/handlers/tender-status-changed.handler';
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
            migrations: [...MESSAGING_MIGRATIONS, Booking1763900001000, OrganisationNameFreshness1764300005000, CoDeliveryRequest1764400001000, CapacityHolds1764600001000],
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
          handlers: [
            OrganisationRegisteredHandler, OrganisationUpdatedHandler, SiteAddedHandler,
            CapacityHoldRequestedHandler, BidWithdrawnHandler, LotAwardedHandler, TenderStatusChangedHandler,
          ],
        }),
        CapacityHoldsModule,
        ...subgraphModules(config),
        BookingModule,
        CoDeliveriesModule,
      ],
      controllers: [HealthController],
      providers: [
        ...SUBGRAPH_PROVIDERS,
      ],
    };
  }
}
