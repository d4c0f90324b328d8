import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUrl, Matches, Min } from 'class-validator';
import { loadConfig } from '@rim/config';

/**
 * Environment of the Apollo Gateway variant (bench/apollo-gateway.ts): the variables and defaults
 * of services/gateway/src/gateway.config.ts that the variant reads. A copy, not an import: bench/
 * reads only libraries' public entry points, and this variant is frozen at the gateway of commit
 * ace9c05 while the real gateway's config keeps moving.
 */
export class ApolloGatewayConfig {
  @IsIn(['development', 'production', 'test'], { message: 'NODE_ENV must be development, production or test' })
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  HOST = '127.0.0.1';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  GATEWAY_PORT = 4000;

  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'OIDC_ISSUER must be an http(s) URL' })
  OIDC_ISSUER: string;

  @IsString()
  OIDC_AUDIENCE = 'marketplace-api';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  MAX_DEPTH = 10;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  MAX_ALIASES = 15;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  MAX_COST = 5000;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  MAX_TOKENS = 2000;

  @Matches(/^\d+\s*(b|kb|mb)?$/i, { message: 'MAX_BODY must be a size such as 100kb, 1mb or 65536' })
  MAX_BODY = '100kb';
}

export function loadApolloGatewayConfig(env: NodeJS.ProcessEnv): ApolloGatewayConfig {
  return loadConfig('apollo-gateway', ApolloGatewayConfig, env);
}
