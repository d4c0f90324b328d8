/**
 * The Apollo Gateway 2.14 variant of services/gateway, kept only so that `npm run bench --
 * gateway-choice` can still compare it with Hive Gateway (docs/decisions/0005-gateway-choice.md).
 * This is services/gateway/src/gateway.server.ts as it was before the switch (commit ace9c05):
 * same edge behaviour (token verified with @rim/auth, 401 when bad; the same graphql-armor limits;
 * no batching; 100 kB body; `authorization` and `x-correlation-id` forwarded to subgraphs).
 * `@apollo/gateway` (Elastic License 2.0) is a devDependency for this file alone.
 *
 * Same environment as services/gateway (GATEWAY_PORT, <NAME>_URL, OIDC_ISSUER, NODE_ENV, MAX_*).
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { resolve as resolvePath } from 'node:path';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express from 'express';
import { GraphQLError } from 'graphql';
import { AuthenticationError, principalFromAuthorizationHeader, TokenVerifier, type Principal } from '@rim/auth';
import { CORRELATION_HEADER, maskInternalErrors } from '@rim/service-kit';
import { composeSupergraph, readCommittedSubgraphs, subgraphUrl } from '@rim/supergraph';
import { loadApolloGatewayConfig, type ApolloGatewayConfig as GatewayConfig } from './apollo-gateway.config';

interface GatewayContext {
  principal: Principal | null;
  authorization: string | undefined;
  correlationId: string;
}

/** Forwards the caller's token and the correlation id to every subgraph. */
class AuthenticatedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    if (context.correlationId) request.http?.headers.set(CORRELATION_HEADER, context.correlationId);
  }
}

interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}

async function startApolloGateway(config: GatewayConfig, supergraphSdl: string): Promise<RunningGateway> {
  const production = config.NODE_ENV === 'production';
  const verifier = new TokenVerifier({ issuer: config.OIDC_ISSUER, audience: config.OIDC_AUDIENCE });
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ url }) => new AuthenticatedDataSource({ url }),
  });
  const armor = new ApolloArmor({
    maxDepth: { n: config.MAX_DEPTH },
    maxAliases: { n: config.MAX_ALIASES },
    costLimit: { maxCost: config.MAX_COST },
    maxTokens: { n: config.MAX_TOKENS },
    maxDirectives: { n: 20 },
    // Suggestions ("did you mean ...") reveal the schema; off where introspection is off.
    blockFieldSuggestion: { enabled: production },
  });
  const protection = armor.protect();
  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    validationRules: protection.validationRules,
    plugins: [...protection.plugins, ...(production ? [ApolloServerPluginLandingPageDisabled()] : [])],
    formatError: maskInternalErrors((ref, e) => console.error(`[gateway] ${ref}`, e)),
  });
  await server.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(
    '/graphql',
    express.json({ limit: config.MAX_BODY }),
    expressMiddleware(server, {
      context: async ({ req }) => {
        const authorization = req.headers.authorization;
        const incoming = req.headers[CORRELATION_HEADER];
        const correlationId =
          typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
        try {
          const principal = await principalFromAuthorizationHeader(verifier, authorization);
          return { principal, authorization, correlationId };
        } catch (error) {
          if (error instanceof AuthenticationError) {
            throw new GraphQLError(error.message, {
              extensions: { code: 'UNAUTHENTICATED', reason: error.code, http: { status: 401 } },
            });
          }
          throw error;
        }
      },
    }),
  );
  // Oversized or malformed bodies: a clear 4xx, never a stack trace.
  app.use((error: { status?: number; type?: string; message?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (!error) return next();
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    const message =
      error.type === 'entity.too.large'
        ? `request body larger than ${config.MAX_BODY}`
        : status < 500
          ? 'malformed request body'
          : 'internal error';
    res.status(status).json({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
  });

  const httpServer: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.GATEWAY_PORT, config.HOST, () => resolve(s));
    s.on('error', reject);
  });
  return {
    url: `http://${config.HOST}:${config.GATEWAY_PORT}/graphql`,
    stop: async () => {
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await server.stop();
    },
  };
}

async function main(): Promise<void> {
  const config = loadApolloGatewayConfig(process.env);
  const supergraph = composeSupergraph(readCommittedSubgraphs(resolvePath(__dirname, '..'), (name) => subgraphUrl(name, process.env)));
  const gateway = await startApolloGateway(config, supergraph);
  console.log(`apollo gateway listening on ${gateway.url}`);
  const shutdown = () => {
    gateway.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

void main();
