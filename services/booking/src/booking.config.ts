import { Transform } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { databaseUrlMessage, loadConfig, POSTGRES_URL, ServiceConfig, withServiceDatabase } from '@rim/config';

/** Environment of the booking service. Feature code receives this object, never process.env. */
export class BookingConfig extends ServiceConfig {
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(65535)
  BOOKING_PORT = 4102;

  @Matches(POSTGRES_URL, { message: databaseUrlMessage('booking') })
  BOOKING_DATABASE_URL: string;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(100)
  BOOKING_DB_POOL_SIZE = 10;
}

/** Loads the booking config; a shared DATABASE_URL names the server, `booking` the database. */
export function loadBookingConfig(env: NodeJS.ProcessEnv): BookingConfig {
  return loadConfig('booking', BookingConfig, withServiceDatabase('booking', env));
}
