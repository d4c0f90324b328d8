import { runService } from '@rim/service-kit';
import { AppModule } from './app.module';
import { loadBookingConfig } from './booking.config';

void runService({
  name: 'booking',
  loadConfig: () => loadBookingConfig(process.env),
  module: (config) => AppModule.forRoot(config),
  port: (config) => config.BOOKING_PORT,
});
