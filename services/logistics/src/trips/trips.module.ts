import { Module } from '@nestjs/common';
import { TripsResolver } from './trips.resolver';
import { TripsService } from './trips.service';

/** Trips someone drives anyway, with the free space others can book. */
@Module({
  providers: [TripsService, TripsResolver],
  exports: [TripsService],
})
export class TripsModule {}
