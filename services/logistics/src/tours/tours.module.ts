import { Module } from '@nestjs/common';
import { ToursResolver } from './tours.resolver';
import { ToursService } from './tours.service';

/** Recurring collection tours and the producers signed up to them. */
@Module({
  providers: [ToursService, ToursResolver],
})
export class ToursModule {}
