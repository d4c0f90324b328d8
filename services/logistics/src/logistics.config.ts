import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { loadConfig } from '@rim/config';
import { DEFAULT_AVERAGE_SPEED_KMH, DEFAULT_ROAD_FACTOR } from './geo/road-distance';

const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;

/** Environment of the logistics service. Feature code receives this object, never process.env. */
export class LogisticsConfig {
  @IsIn(['development', 'production', 'test'], { message: 'NODE_ENV must be development, production or test' })
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  HOST = '127.0.0.1';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  LOGISTICS_PORT = 4104;

  @Matches(/^postgres(ql)?:\/\/.+\/[\w-]+(\?.*)?$/, {
    message: 'LOGISTICS_DATABASE_URL must be a postgres:// URL naming the logistics database (npm start provides one)',
  })
  LOGISTICS_DATABASE_URL: string;

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

  /** Road km / great-circle km; see src/geo/road-model.json for the source of the default. */
  @Transform(({ value }) => Number(value))
  @IsNumber({}, { message: 'LOGISTICS_ROAD_FACTOR must be a number, e.g. 1.3' })
  @Min(1, { message: 'LOGISTICS_ROAD_FACTOR must be at least 1' })
  @Max(3, { message: 'LOGISTICS_ROAD_FACTOR above 3 is not a road network' })
  LOGISTICS_ROAD_FACTOR = DEFAULT_ROAD_FACTOR;

  @Transform(({ value }) => Number(value))
  @IsNumber({}, { message: 'LOGISTICS_ROAD_SPEED_KMH must be a number' })
  @Min(5)
  @Max(130)
  LOGISTICS_ROAD_SPEED_KMH = DEFAULT_AVERAGE_SPEED_KMH;

  /** How long an offer waits for the trip owner before it expires (it never outlives the departure). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOGISTICS_OFFER_TTL_HOURS = 48;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(2)
  @Max(200)
  LOGISTICS_DB_POOL_SIZE = 10;
}

/** Resolves a shared DATABASE_URL into this service's database when no specific URL is given. */
export function loadLogisticsConfig(env: NodeJS.ProcessEnv): LogisticsConfig {
  const resolved = { ...env };
  if (!resolved.LOGISTICS_DATABASE_URL && resolved.DATABASE_URL) {
    const url = new URL(resolved.DATABASE_URL);
    url.pathname = '/logistics';
    resolved.LOGISTICS_DATABASE_URL = url.toString();
  }
  return loadConfig('logistics', LogisticsConfig, resolved);
}
