import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUrl, Max, Min } from 'class-validator';
import { loadConfig } from '@rim/config';

const url = (name: string) =>
  IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: `${name} must be an http(s) URL` });

/** Environment of the gateway. */
export class GatewayConfig {
  @IsIn(['development', 'production', 'test'], { message: 'NODE_ENV must be development, production or test' })
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  HOST = '127.0.0.1';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(65535)
  GATEWAY_PORT = 4000;

  @url('OIDC_ISSUER')
  OIDC_ISSUER: string;

  @IsString()
  OIDC_AUDIENCE = 'marketplace-api';

  /** Limits against abusive queries; see README "Gateway limits". */
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

  @IsString()
  MAX_BODY = '100kb';
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv): GatewayConfig {
  return loadConfig('gateway', GatewayConfig, env);
}
