import { GatewayBaseConfig, loadConfig } from '@rim/config';

/**
 * Environment of the Apollo Gateway variant (bench/apollo-gateway.ts): the settings every gateway
 * of the platform reads, from `@rim/config`, so that the variant runs under the served gateway's
 * listening address, token rules and query limits. It has none of its own.
 */
export class ApolloGatewayConfig extends GatewayBaseConfig {}

export function loadApolloGatewayConfig(env: NodeJS.ProcessEnv): ApolloGatewayConfig {
  return loadConfig('apollo-gateway', ApolloGatewayConfig, env);
}
