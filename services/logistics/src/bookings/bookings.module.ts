import { Module } from '@nestjs/common';
import { ShipmentsModule } from '../shipments/shipments.module';
import { BookingCoDeliveryResolver } from './booking-co-delivery.resolver';

/** What logistics adds to a booking of the booking service: `Booking.coDelivery`. */
@Module({
  imports: [ShipmentsModule],
  providers: [BookingCoDeliveryResolver],
})
export class BookingsModule {}
