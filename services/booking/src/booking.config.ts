import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { loadConfig } from '@rim/config';

const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;

/** Environment of the booking service. Feature code receives this object, never process.env. */
export class BookingConfig {
  @IsIn(['development', 'production', 'test'], { message: 'NODE_ENV must be development, production or test' })
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  HOST = '127.0.0.1';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(65535)
  BOOKING_PORT = 4102;

  @Matches(/^postgres(ql)?:\/\/.+\/[\w-]+(\?.*)?$/, {
    message:
      'BOOKING_DATABASE_URL must be a postgres:// URL naming the booking database (npm start provides one)',
  })
  BOOKING_DATABASE_URL: string;

  @Transform(csv)
  @ArrayNotEmpty({ message: 'KAFKA_BROKERS must list host:port pairs, e.g. 127.0.0.1:19092' })
  @Matches(/^[\w.-]+:\d+$/, { each: true, message: 'KAFKA_BROKERS entries must be host:port' })
  KAFKA_BROKERS: string[];

  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'OIDC_ISSUER must be the realm URL, e.g. http://127.0.0.1:18080/realms/marketplace' },
  )
  OIDC_ISSUER: string;

  @IsString()
  OIDC_AUDIENCE = 'marketplace-api';

  @IsOptional()
  @IsString()
  SCHEMA_FILE?: string;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(100)
  BOOKING_DB_POOL_SIZE = 10;
}

/** Resolves a shared DATABASE_URL into this service's database when no specific URL is given. */
export function loadBookingConfig(env: NodeJS.ProcessEnv): BookingConfig {
  const resolved = { ...env };
  if (!resolved.BOOKING_DATABASE_URL && resolved.DATABASE_URL) {
    const url = new URL(resolved.DATABASE_URL);
    url.pathname = '/booking';
    resolved.BOOKING_DATABASE_URL = url.toString();
  }
  return loadConfig('booking', BookingConfig, resolved);
}
