import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
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

  /** The realm's signing keys when not under the issuer URL (in-cluster Keycloak; see ServiceConfig). */
  @IsOptional()
  @url('OIDC_JWKS_URL')
  OIDC_JWKS_URL?: string;

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

  /** Largest request body, in bytes or with a unit: `100kb`, `1mb` (1 kb = 1024 bytes). */
  @Matches(/^\d+\s*(b|kb|mb)?$/i, { message: 'MAX_BODY must be a size such as 100kb, 1mb or 65536' })
  MAX_BODY = '100kb';

  /**
   * Query planner of Hive Gateway: `rust` (`@graphql-hive/router-runtime`, the default) or `js`
   * (the runtime's own), the fallback if the Rust planner misbehaves. See docs/decisions/0005.
   */
  @IsIn(['rust', 'js'], { message: 'GATEWAY_QUERY_PLANNER must be rust or js' })
  GATEWAY_QUERY_PLANNER: 'rust' | 'js' = 'rust';

  /**
   * A supergraph composed ahead of time (Kubernetes mounts it from the `gateway-supergraph`
   * ConfigMap, see infra/k8s/): served as is instead of composing the committed subgraph schemas.
   */
  @IsOptional()
  @IsString()
  SUPERGRAPH_FILE?: string;
}

/** MAX_BODY in bytes. */
export function maxBodyBytes(config: Pick<GatewayConfig, 'MAX_BODY'>): number {
  const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(config.MAX_BODY.trim());
  if (!match) throw new Error(`MAX_BODY: not a size: ${config.MAX_BODY}`);
  const unit = (match[2] ?? 'b').toLowerCase();
  return Number(match[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv): GatewayConfig {
  return loadConfig('gateway', GatewayConfig, env);
}
