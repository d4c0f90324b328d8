import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUrl, Max, Min } from 'class-validator';
import { loadConfig } from '@rim/config';

const url = (name: string, example: string) =>
  IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: `${name} must be an http(s) URL, e.g. ${example}` },
  );

/**
 * Environment of the map page's server. It has no database and no Kafka: it serves static files,
 * tells the page where Keycloak is, and forwards `/atlas/*` so the browser talks to one origin.
 */
export class PortalConfig {
  @IsIn(['development', 'production', 'test'], { message: 'NODE_ENV must be development, production or test' })
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  HOST = '127.0.0.1';

  @Transform(({ value }) => Number(value))
  @IsInt({ message: 'PORTAL_PORT must be an integer' })
  @Min(0)
  @Max(65535)
  PORTAL_PORT = 4200;

  @url('OIDC_ISSUER', 'http://127.0.0.1:18080/realms/marketplace')
  OIDC_ISSUER: string;

  /** The realm's public client (authorisation code + PKCE S256). */
  @IsString()
  OIDC_CLIENT_ID = 'marketplace-portal';

  @url('ATLAS_URL', 'http://127.0.0.1:4105')
  ATLAS_URL = 'http://127.0.0.1:4105';
}

export function loadPortalConfig(env: Record<string, string | undefined>): PortalConfig {
  return loadConfig('portal', PortalConfig, env);
}
