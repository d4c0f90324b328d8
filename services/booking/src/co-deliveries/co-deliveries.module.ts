import { Module } from '@nestjs/common';
import { AssetsModule } from '../assets/assets.module';
import { BookingsModule } from '../bookings/bookings.module';
import { CoDeliveriesResolver } from './co-deliveries.resolver';
import { CoDeliveriesService } from './co-deliveries.service';

/** A booking's ask for its output to be carried away: the bridge from booking to logistics. */
@Module({
  imports: [BookingsModule, AssetsModule],
  providers: [CoDeliveriesService, CoDeliveriesResolver],
})
export class CoDeliveriesModule {}
