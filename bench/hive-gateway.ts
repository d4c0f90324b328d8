/**
 * Hive Gateway (MIT, The Guild) over the same supergraph as services/gateway, for the "gateway
 * choice" benchmark. Launched as its own process (like the Apollo gateway) so its latency and RSS
 * are measured the same way.
 *
 * Same edge behaviour as services/gateway/src/gateway.server.ts, so the comparison is fair: the
 * Bearer token is verified at the edge with @rim/auth (JWKS) and refused with 401 when bad; the
 * same graphql-armor limits (envelop flavour); the Authorization header is forwarded to subgraphs.
 *
 * Env: HIVE_GATEWAY_PORT, <NAME>_URL of each subgraph, OIDC_ISSUER, OIDC_AUDIENCE,
 * HIVE_PLANNER=rust (default: Rust query planner from @graphql-hive/router-runtime) | js,
 * HIVE_DEDUPE=0 to turn off the deduplication of identical in-flight subgraph queries (see lib/http-transport.ts).
 */
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler as rustPlanner } from '@graphql-hive/router-runtime';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError } from 'graphql';
import { AuthenticationError, principalFromAuthorizationHeader, TokenVerifier } from '@rim/auth';
import { httpTransport } from './lib/http-transport';
import { composeSupergraph } from '../services/gateway/src/compose-supergraph';
import { readCommittedSubgraphs, subgraphUrl } from '../services/gateway/src/subgraphs';

const ROOT = resolve(__dirname, '..');

function main(): void {
  const port = Number(process.env.HIVE_GATEWAY_PORT ?? 4602);
  const issuer = process.env.OIDC_ISSUER;
  if (!issuer) {
    console.error('OIDC_ISSUER is required');
    process.exit(78);
  }
  const planner = process.env.HIVE_PLANNER === 'js' ? 'js' : 'rust';
  const supergraph = composeSupergraph(readCommittedSubgraphs(ROOT, (name) => subgraphUrl(name, process.env)));
  const verifier = new TokenVerifier({ issuer, audience: process.env.OIDC_AUDIENCE ?? 'marketplace-api' });

  // Authentication at the edge, as in the Apollo gateway: a bad token never reaches a subgraph.
  const edgeAuth: GatewayPlugin = {
    async onContextBuilding({ context, extendContext }) {
      const authorization = context.request.headers.get('authorization') ?? undefined;
      try {
        extendContext({ principal: await principalFromAuthorizationHeader(verifier, authorization) });
      } catch (error) {
        if (error instanceof AuthenticationError) {
          throw new GraphQLError(error.message, {
            extensions: { code: 'UNAUTHENTICATED', reason: error.code, http: { status: 401 } },
          });
        }
        throw error;
      }
    },
  };

  const gateway = createGatewayRuntime({
    supergraph,
    ...(planner === 'rust' ? { unifiedGraphHandler: rustPlanner } : {}),
    transports: { http: httpTransport },
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    logging: 'warn',
    batching: false,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({
        authorization: request.headers.get('authorization'),
        'x-correlation-id': request.headers.get('x-correlation-id'),
      }),
    },
    plugins: () => [
      edgeAuth,
      EnvelopArmorPlugin({
        maxDepth: { n: 10 },
        maxAliases: { n: 15 },
        costLimit: { maxCost: 5000 },
        maxTokens: { n: 2000 },
        maxDirectives: { n: 20 },
        blockFieldSuggestion: { enabled: false },
      }) as GatewayPlugin,
    ],
  });

  const server = createServer((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    void gateway(req, res);
  });
  server.listen(port, '127.0.0.1', () => {
    console.log(`hive gateway (${planner} planner, dedupe ${process.env.HIVE_DEDUPE !== '0'}) listening on http://127.0.0.1:${port}/graphql`);
  });
  const shutdown = () => {
    server.close();
    void Promise.resolve(gateway.dispose()).finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main();
