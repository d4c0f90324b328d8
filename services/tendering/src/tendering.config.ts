import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsUrl, Matches, Max, Min } from 'class-validator';
import { ConfigError, databaseUrlMessage, loadConfig, POSTGRES_URL, ServiceConfig, withServiceDatabase } from '@rim/config';

/**
 * The local demo's master key (32 bytes, hex). Only the development and test profiles may fall back
 * to it; production refuses to boot without TENDERING_MASTER_KEY (see loadTenderingConfig).
 */
export const DEMO_MASTER_KEY = '6c6f63616c2d64656d6f2d6f6e6c792d74656e646572696e672d6b6579212121';

/** Environment of the tendering service. Feature code receives this object, never process.env. */
export class TenderingConfig extends ServiceConfig {
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  TENDERING_PORT = 4103;

  @Matches(POSTGRES_URL, { message: databaseUrlMessage('tendering') })
  TENDERING_DATABASE_URL: string;

  /** Wraps every per-tender key (AES-256-GCM). 64 hex characters; never stored in the database. */
  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'TENDERING_MASTER_KEY must be 64 hex characters (32 bytes), e.g. from `openssl rand -hex 32`' })
  TENDERING_MASTER_KEY?: string;

  /** How often the service looks for tenders whose deadline has passed, to close them. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  @Max(60_000)
  TENDERING_DEADLINE_SWEEP_MS = 1_000;

  /**
   * Standstill between award and contract. 11 days is the French "délai de suspension" for a
   * notification by electronic means (Code de la commande publique, R2182-1); tests shorten it.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  TENDERING_STANDSTILL_SECONDS = 11 * 86_400;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(2)
  @Max(200)
  TENDERING_DB_POOL_SIZE = 10;

  /** How far from a lot's delivery point a partner is still suggested, km. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(2000)
  TENDERING_SUGGESTION_RADIUS_KM = 100;

  /** Where the service is reached from outside: OCDS package URIs and our extension's URL start with it. */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'TENDERING_PUBLIC_URL must be an http(s) URL' })
  TENDERING_PUBLIC_URL = 'http://127.0.0.1:4103';
}

/** Loads the tendering config; a shared DATABASE_URL names the server, `tendering` the database. */
export function loadTenderingConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): TenderingConfig {
  const config = loadConfig('tendering', TenderingConfig, withServiceDatabase('tendering', env));
  if (!config.TENDERING_MASTER_KEY) {
    if (config.NODE_ENV === 'production') {
      throw new ConfigError('tendering', ['TENDERING_MASTER_KEY must be set in production (64 hex characters): it seals every bid']);
    }
    config.TENDERING_MASTER_KEY = DEMO_MASTER_KEY;
  }
  return config;
}
