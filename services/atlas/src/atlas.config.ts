import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNumber, Matches, Max, Min } from 'class-validator';
import { databaseUrlMessage, loadConfig, POSTGRES_URL, ServiceConfig, withServiceDatabase } from '@rim/config';

const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;

/** Environment of the atlas service. Feature code receives this object, never process.env. */
export class AtlasConfig extends ServiceConfig {
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  ATLAS_PORT = 4105;

  @Matches(POSTGRES_URL, { message: databaseUrlMessage('atlas') })
  ATLAS_DATABASE_URL: string;

  /** Web origins allowed to call the HTTP API from a browser (the portal). */
  @Transform(csv)
  @Matches(/^https?:\/\/[^/\s]+$/, { each: true, message: 'ATLAS_CORS_ORIGINS entries must be origins like http://127.0.0.1:4200' })
  ATLAS_CORS_ORIGINS: string[] = ['http://127.0.0.1:4200', 'http://localhost:4200'];

  /** How often the published values are recomputed when an event has arrived. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(50, { message: 'ATLAS_REFRESH_MS must be at least 50' })
  @Max(60_000)
  ATLAS_REFRESH_MS = 500;

  /** Rounding step of published counts (organisations, sites, assets, bookings, trips). */
  @Transform(({ value }) => Number(value))
  @IsInt({ message: 'ATLAS_COUNT_STEP must be a whole number' })
  @Min(1)
  @Max(100)
  ATLAS_COUNT_STEP = 5;

  @Transform(({ value }) => Number(value))
  @IsNumber({}, { message: 'ATLAS_HOURS_STEP must be a number' })
  @Min(1)
  ATLAS_HOURS_STEP = 50;

  @Transform(({ value }) => Number(value))
  @IsNumber({}, { message: 'ATLAS_KG_STEP must be a number' })
  @Min(1)
  ATLAS_KG_STEP = 100;

  /** Rounding step of the value awarded to the suppliers of an area, in euros. */
  @Transform(({ value }) => Number(value))
  @IsNumber({}, { message: 'ATLAS_EUR_STEP must be a number' })
  @Min(1)
  ATLAS_EUR_STEP = 5000;

  /** Seconds a GeoJSON answer may be cached by the browser. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(86_400)
  ATLAS_CACHE_SECONDS = 30;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1000)
  @Max(120_000)
  ATLAS_HEARTBEAT_MS = 15_000;

  @IsIn(['on'], { message: 'ATLAS_SECRECY cannot be switched off in a running service' })
  ATLAS_SECRECY = 'on';
}

/** Loads the atlas config; a shared DATABASE_URL names the server, `atlas` the database. */
export function loadAtlasConfig(env: NodeJS.ProcessEnv | Record<string, string>): AtlasConfig {
  return loadConfig('atlas', AtlasConfig, withServiceDatabase('atlas', env));
}
