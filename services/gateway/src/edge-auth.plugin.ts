import { randomUUID } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { AuthenticationError, principalFromAuthorizationHeader, type Principal, type TokenVerifier } from '@rim/auth';
import { CORRELATION_HEADER } from '@rim/service-kit';

/** What the edge adds to the GraphQL context of every operation. */
export interface EdgeContext {
  principal: Principal | null;
  /** The caller's `x-correlation-id` when well-formed, else a new one; sent to every subgraph. */
  correlationId: string;
}

/** A client-supplied correlation id is kept only if it looks like one (no header injection, bounded). */
export function correlationIdFrom(header: string | null): string {
  return header && /^[\w-]{8,64}$/.test(header) ? header : randomUUID();
}

/**
 * Authentication at the edge: a bad token is refused here with 401 and the reason
 * (TOKEN_EXPIRED, TOKEN_INVALID_SIGNATURE, ...), before any subgraph sees it. No token is
 * anonymous; the subgraphs verify the token again and decide what an anonymous caller may do.
 */
export function edgeAuthPlugin(verifier: TokenVerifier): GatewayPlugin<EdgeContext> {
  return {
    async onContextBuilding({ context, extendContext }) {
      const correlationId = correlationIdFrom(context.request.headers.get(CORRELATION_HEADER));
      const authorization = context.request.headers.get('authorization') ?? undefined;
      try {
        extendContext({ principal: await principalFromAuthorizationHeader(verifier, authorization), correlationId });
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
}
