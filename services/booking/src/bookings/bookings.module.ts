import { Module } from '@nestjs/common';
import { AssetsModule } from '../assets/assets.module';
import { TrainingsModule } from '../trainings/trainings.module';
import { BookingsResolver } from './bookings.resolver';
import { BookingsService } from './bookings.service';

/**
 * Slots of an asset's time, the waitlist and what is free. Builds on assets (rules, closures,
 * utilisation) and trainings (who may book a gated asset), checked in the booking's transaction.
 */
@Module({
  imports: [AssetsModule, TrainingsModule],
  providers: [BookingsService, BookingsResolver],
  exports: [BookingsService],
})
export class BookingsModule {}
