import { Module } from '@nestjs/common';
import { BookingModule } from '../booking.module';
import { CoDeliveriesResolver } from './co-deliveries.resolver';
import { CoDeliveriesService } from './co-deliveries.service';

/** A booking's ask for its output to be carried away: the bridge from booking to logistics. */
@Module({
  imports: [BookingModule],
  providers: [CoDeliveriesService, CoDeliveriesResolver],
})
export class CoDeliveriesModule {}
