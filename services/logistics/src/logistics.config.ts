import { Transform } from 'class-transformer';
import { IsInt, IsNumber, Matches, Max, Min } from 'class-validator';
import { databaseUrlMessage, loadConfig, POSTGRES_URL, ServiceConfig, withServiceDatabase } from '@rim/config';
import { DEFAULT_AVERAGE_SPEED_KMH, DEFAULT_ROAD_FACTOR } from './geo/road-distance';

/** Environment of the logistics service. Feature code receives this object, never process.env. */
export class LogisticsConfig extends ServiceConfig {
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  LOGISTICS_PORT = 4104;

  @Matches(POSTGRES_URL, { message: databaseUrlMessage('logistics') })
  LOGISTICS_DATABASE_URL: string;

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

/** Loads the logistics config; a shared DATABASE_URL names the server, `logistics` the database. */
export function loadLogisticsConfig(env: NodeJS.ProcessEnv): LogisticsConfig {
  return loadConfig('logistics', LogisticsConfig, withServiceDatabase('logistics', env));
}
