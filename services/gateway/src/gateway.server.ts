import { createServer, type Server } from 'node:http';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler as rustQueryPlanner } from '@graphql-hive/router-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { TokenVerifier } from '@rim/auth';
import { CORRELATION_HEADER } from '@rim/service-kit';
import { edgeAuthPlugin, type EdgeContext } from './edge-auth.plugin';
import { maxBodyBytes, type GatewayConfig } from './gateway.config';
import { maskGatewayError } from './mask-error';
import { requestBodyPlugin } from './request-body.plugin';
import { requestErrorStatusPlugin } from './request-error-status.plugin';
import { armorRefusal, type ArmorLimit } from './armor-refusal';
import { unavailableSubgraphPlugin } from './unavailable-subgraph.plugin';
import { variableCoercionPlugin } from './variable-coercion.plugin';

/**
 * graphql-armor's envelop rules throw out of `validate` by default, which Yoga takes for an
 * internal error; reported to the validation context instead (as its Apollo flavour does), a
 * refusal is an ordinary GRAPHQL_VALIDATION_FAILED error and a 400, saying which limit it is.
 */
const asValidationError = (limit: ArmorLimit) => ({ propagateOnRejection: false, onReject: [armorRefusal(limit)] });

/** A subgraph as the gateway's health check sees it. */
export interface SubgraphEndpoint {
  name: string;
  url: string;
}

/**
 * Each subgraph's `/healthz/live` (next to its `/graphql`), within 1 s: 200 when all answer,
 * otherwise 503 naming those that do not (issue 14: the gateway's /healthz said 200 whatever
 * was down behind it).
 */
export async function subgraphsHealth(subgraphs: SubgraphEndpoint[]): Promise<{ status: number; body: string }> {
  const states = await Promise.all(
    subgraphs.map(async ({ name, url }) => {
      try {
        const response = await fetch(url.replace(/\/graphql$/, '/healthz/live'), { signal: AbortSignal.timeout(1_000) });
        return [name, response.ok ? 'up' : `down: answered ${response.status}`] as const;
      } catch {
        return [name, 'down: unreachable'] as const;
      }
    }),
  );
  const down = states.filter(([, state]) => state !== 'up').map(([name, state]) => `${name}: ${state.replace(/^down: /, '')}`);
  const components = Object.fromEntries(states);
  return down.length
    ? { status: 503, body: JSON.stringify({ status: 'down', components, down }) }
    : { status: 200, body: JSON.stringify({ status: 'ok', components }) };
}

export interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}

/**
 * The federation gateway (Hive Gateway, MIT; see docs/decisions/0005-gateway-choice.md): one
 * schema over the subgraphs, authentication at the edge (a bad token is refused here, before any
 * subgraph sees it), abuse limits on every operation, and nothing internal shown to the client.
 */
export async function startGateway(
  config: GatewayConfig,
  supergraphSdl: string,
  subgraphs: SubgraphEndpoint[] = [],
): Promise<RunningGateway> {
  const production = config.NODE_ENV === 'production';
  const verifier = new TokenVerifier({ issuer: config.OIDC_ISSUER, audience: config.OIDC_AUDIENCE, jwksUrl: config.OIDC_JWKS_URL });
  const gateway = createGatewayRuntime<EdgeContext>({
    supergraph: supergraphSdl,
    ...(config.GATEWAY_QUERY_PLANNER === 'rust' ? { unifiedGraphHandler: rustQueryPlanner } : {}),
    transports: { http: httpTransport },
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: !production,
    logging: 'warn',
    batching: false,
    // As the Apollo gateway: no CORS headers (Yoga's default reflects any origin), and requests a
    // browser sends without a preflight (GET, form posts) need one of Apollo's CSRF headers.
    cors: false,
    csrfPrevention: { requestHeaders: ['apollo-require-preflight', 'x-apollo-operation-name', 'x-graphql-yoga-csrf'] },
    // Introspection and "did you mean" reveal the schema: both off in production (armor below).
    ...(production ? { disableIntrospection: {} } : {}),
    maskedErrors: { maskError: maskGatewayError((ref, e) => console.error(`[gateway] ${ref}`, e)) },
    // Subgraph errors reach the client as the subgraph wrote them (code, reason, fields), without
    // the runtime's serviceName/DOWNSTREAM_SERVICE_ERROR additions; the masking above decides.
    subgraphErrors: false,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request, context }) => ({
        authorization: request.headers.get('authorization'),
        [CORRELATION_HEADER]: context.correlationId,
      }),
    },
    plugins: () => [
      requestBodyPlugin(maxBodyBytes(config), config.MAX_BODY),
      requestErrorStatusPlugin(),
      edgeAuthPlugin(verifier),
      variableCoercionPlugin({ suggestions: !production }),
      unavailableSubgraphPlugin((service, e) => console.error(`[gateway] ${service} unavailable:`, e.message)),
      EnvelopArmorPlugin({
        // Fragments (spreads and inline) are not levels: a depth-6 query that Relay or Apollo
        // composed of nested fragments is depth 6 (issue 14). The cost rule counts them alike.
        maxDepth: { n: config.MAX_DEPTH, flattenFragments: true, ...asValidationError('depth') },
        maxAliases: { n: config.MAX_ALIASES, ...asValidationError('aliases') },
        costLimit: { maxCost: config.MAX_COST, flattenFragments: true, ...asValidationError('cost') },
        // Counted while parsing: a refusal is a parse error (GRAPHQL_PARSE_FAILED, 400).
        maxTokens: { n: config.MAX_TOKENS },
        maxDirectives: { n: 20, ...asValidationError('directives') },
        blockFieldSuggestion: { enabled: production },
      }) as GatewayPlugin,
    ],
  });

  const httpServer: Server = createServer((req, res) => {
    // Live: the gateway itself serves (what a launcher waits for). Healthy: its subgraphs answer too.
    if (req.url === '/healthz/live') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (req.url === '/healthz') {
      void subgraphsHealth(subgraphs).then(({ status, body }) => res.writeHead(status, { 'content-type': 'application/json' }).end(body));
      return;
    }
    void gateway(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.GATEWAY_PORT, config.HOST, () => resolve());
  });
  return {
    url: `http://${config.HOST}:${config.GATEWAY_PORT}/graphql`,
    stop: async () => {
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      await closed;
      await gateway.dispose();
    },
  };
}
