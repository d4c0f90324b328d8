import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUrl, Matches, Max, Min } from 'class-validator';

const int = ({ value }: { value: unknown }) => Number(value);

/**
 * What every GraphQL gateway of the platform reads from its environment: where it listens, whose
 * tokens it accepts and its limits against abusive queries (README "Gateway limits"). The served
 * gateway (`services/gateway`) extends it with its planner, its supergraph file and the in-cluster
 * JWKS URL; the Apollo Gateway variant of the bench (`bench/apollo-gateway.ts`) reads it as is, so
 * both are measured under the same limits. Here because bench/ may not import a service.
 *
 * @example
 * ```ts
 * export class GatewayConfig extends GatewayBaseConfig {
 *   @IsIn(['rust', 'js']) GATEWAY_QUERY_PLANNER: 'rust' | 'js' = 'rust';
 * }
 * ```
 */
export class GatewayBaseConfig {
  @IsIn(['development', 'production', 'test'], { message: 'NODE_ENV must be development, production or test' })
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  HOST = '127.0.0.1';

  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(65535)
  GATEWAY_PORT = 4000;

  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'OIDC_ISSUER must be an http(s) URL' })
  OIDC_ISSUER: string;

  @IsString()
  OIDC_AUDIENCE = 'marketplace-api';

  @Transform(int)
  @IsInt()
  @Min(1)
  MAX_DEPTH = 10;

  @Transform(int)
  @IsInt()
  @Min(0)
  MAX_ALIASES = 15;

  @Transform(int)
  @IsInt()
  @Min(1)
  MAX_COST = 5000;

  @Transform(int)
  @IsInt()
  @Min(1)
  MAX_TOKENS = 2000;

  /** Largest request body, in bytes or with a unit: `100kb`, `1mb` (1 kb = 1024 bytes). */
  @Matches(/^\d+\s*(b|kb|mb)?$/i, { message: 'MAX_BODY must be a size such as 100kb, 1mb or 65536' })
  MAX_BODY = '100kb';
}
