import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { loadConfig } from '@rim/config';

const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;

/** Environment of the directory service. Feature code receives this object, never process.env. */
export class DirectoryConfig {
  @IsIn(['development', 'production', 'test'], { message: 'NODE_ENV must be development, production or test' })
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  HOST = '127.0.0.1';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(65535)
  DIRECTORY_PORT = 4101;

  @Matches(/^postgres(ql)?:\/\/.+\/[\w-]+(\?.*)?$/, {
    message:
      'DIRECTORY_DATABASE_URL must be a postgres:// URL naming the directory database (npm start provides one)',
  })
  DIRECTORY_DATABASE_URL: string;

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

  /** Development only: seed this many synthetic organisations at boot (npm start uses 300). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(200_000)
  DEMO_SEED_ORGANISATIONS = 0;
}

/** Resolves a shared DATABASE_URL into this service's database when no specific URL is given. */
export function loadDirectoryConfig(env: NodeJS.ProcessEnv): DirectoryConfig {
  const resolved = { ...env };
  if (!resolved.DIRECTORY_DATABASE_URL && resolved.DATABASE_URL) {
    const url = new URL(resolved.DATABASE_URL);
    url.pathname = '/directory';
    resolved.DIRECTORY_DATABASE_URL = url.toString();
  }
  return loadConfig('directory', DirectoryConfig, resolved);
}
