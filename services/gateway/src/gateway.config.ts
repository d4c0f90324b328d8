import { IsIn, IsOptional, IsString, IsUrl } from 'class-validator';
import { GatewayBaseConfig, loadConfig } from '@rim/config';

const url = (name: string) =>
  IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: `${name} must be an http(s) URL` });

/** Environment of the gateway: the settings of every gateway (GatewayBaseConfig), and its own. */
export class GatewayConfig extends GatewayBaseConfig {
  /** The realm's signing keys when not under the issuer URL (in-cluster Keycloak; see ServiceConfig). */
  @IsOptional()
  @url('OIDC_JWKS_URL')
  OIDC_JWKS_URL?: string;

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
