import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AssetsModule } from './assets/assets.module';
import type { BookingConfig } from './booking.config';
import { BookingsModule } from './bookings/bookings.module';
import { CoDeliveriesModule } from './co-deliveries/co-deliveries.module';
import { CapacityHoldsModule } from './holds/capacity-holds.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { PlansModule } from './plans/plans.module';
import { TrainingsModule } from './trainings/trainings.module';

/**
 * The aggregates of booking, one module each, and the providers made from the configuration.
 * Those are global so that every aggregate module stays static (no `forRoot` of its own); booking's
 * config has none yet beyond the database and the port, which the app module uses.
 *
 * The order of `imports` gives the order of the Query and Mutation fields in the committed SDL
 * (Nest reads the resolvers along the module graph; decision 0024): keep it, add a new aggregate at the end.
 */
@Global()
@Module({})
export class BookingModule {
  static forRoot(_config: BookingConfig): DynamicModule {
    const settings: DynamicModule['providers'] = [];
    return {
      module: BookingModule,
      imports: [AssetsModule, PlansModule, TrainingsModule, BookingsModule, OrganisationsModule, CoDeliveriesModule, CapacityHoldsModule],
      providers: settings,
      // The inbox handlers of CAPACITY_HOLD_EVENT_HANDLERS are controllers of the messaging module.
      exports: [CapacityHoldsModule],
    };
  }
}
