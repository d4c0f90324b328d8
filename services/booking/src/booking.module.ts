import { Module } from '@nestjs/common';
import { AssetsResolver } from './assets/assets.resolver';
import { AssetsService } from './assets/assets.service';
import { BookingsResolver } from './bookings/bookings.resolver';
import { BookingsService } from './bookings/bookings.service';
import { OrganisationAssetsResolver } from './organisations/organisation-assets.resolver';
import { PlansResolver } from './plans/plans.resolver';
import { PlansService } from './plans/plans.service';
import { TrainingsResolver } from './trainings/trainings.resolver';
import { TrainingsService } from './trainings/trainings.service';

/** Assets, plans, trainings and bookings: one module, because a booking checks all of them in one transaction. */
@Module({
  providers: [AssetsService, AssetsResolver, PlansService, PlansResolver, TrainingsService, TrainingsResolver, BookingsService, BookingsResolver, OrganisationAssetsResolver],
  exports: [BookingsService, AssetsService],
})
export class BookingModule {}
