import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsIn, IsOptional, IsString, IsUrl, Matches } from 'class-validator';

const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;

/**
 * What every domain service (a federation subgraph on Kafka, behind Keycloak) reads from its
 * environment. A service's config class extends it with its own port, database and settings.
 *
 * @example
 * ```ts
 * export class BookingConfig extends ServiceConfig {
 *   @Transform(({ value }) => Number(value)) @IsInt() BOOKING_PORT = 4102;
 * }
 * ```
 */
export class ServiceConfig {
  @IsIn(['development', 'production', 'test'], { message: 'NODE_ENV must be development, production or test' })
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  HOST = '127.0.0.1';

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

  /**
   * Where to fetch the realm's signing keys when it differs from `<OIDC_ISSUER>/protocol/openid-connect/certs`:
   * in Kubernetes the issuer is the public URL, and the keys come from the Keycloak Service inside
   * the cluster (infra/k8s), which the NetworkPolicies allow.
   */
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'OIDC_JWKS_URL must be an http(s) URL, e.g. http://keycloak-service:8080/realms/marketplace/protocol/openid-connect/certs' },
  )
  OIDC_JWKS_URL?: string;

  /** Development aid: where to write the subgraph SDL after start-up (npm start sets it). */
  @IsOptional()
  @IsString()
  SCHEMA_FILE?: string;
}

/** The message of a service's database URL rule, naming the variable to set. */
export function databaseUrlMessage(service: string): string {
  return `${service.toUpperCase()}_DATABASE_URL must be a postgres:// URL naming the ${service} database (npm start provides one)`;
}

export const POSTGRES_URL = /^postgres(ql)?:\/\/.+\/[\w-]+(\?.*)?$/;

/**
 * One database per service: a shared `DATABASE_URL` (a server) becomes `<SERVICE>_DATABASE_URL`
 * with the service's own database name, unless that variable is set.
 *
 * @example
 * loadConfig('booking', BookingConfig, withServiceDatabase('booking', process.env));
 */
export function withServiceDatabase(service: string, env: Record<string, string | undefined>): Record<string, string | undefined> {
  const key = `${service.toUpperCase()}_DATABASE_URL`;
  if (env[key] || !env.DATABASE_URL) return env;
  const url = new URL(env.DATABASE_URL);
  url.pathname = `/${service}`;
  return { ...env, [key]: url.toString() };
}
