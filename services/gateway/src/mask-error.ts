import { GraphQLError } from 'graphql';
import { maskInternalErrors } from '@rim/service-kit';

const isClientStatus = (status: unknown) => typeof status === 'number' && status >= 400 && status < 500;

/**
 * A few of Yoga's own refusals of a request (the CSRF check, for one) carry an HTTP 4xx status
 * but no code: they are the caller's mistake, so they are BAD_REQUEST, not internal errors.
 */
function withClientCode(error: GraphQLError): GraphQLError {
  const http = error.extensions?.http as { status?: unknown } | undefined;
  if (error.extensions?.code !== undefined || error.originalError || !isClientStatus(http?.status)) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...error.extensions, code: 'BAD_REQUEST' },
  });
}

/**
 * Yoga `maskError` with the platform's rule (`maskInternalErrors`, shared with the subgraphs):
 * errors meant for the client (BAD_USER_INPUT, UNAUTHENTICATED, GRAPHQL_VALIDATION_FAILED, ...)
 * pass unchanged; anything else, including a subgraph that cannot be reached, becomes
 * "internal error (reference <uuid>)", and the log gets the original under the same reference.
 */
export function maskGatewayError(log: (reference: string, error: unknown) => void): (error: unknown) => Error {
  const format = maskInternalErrors(log);
  return (error) => {
    const graphqlError = error instanceof GraphQLError ? withClientCode(error) : undefined;
    const formatted = format(graphqlError ? graphqlError.toJSON() : { message: String(error) }, error);
    // Unchanged: hand back the same object, so that Yoga does not log a client error as a failure.
    if (graphqlError && formatted.message === graphqlError.message && graphqlError.extensions?.stacktrace === undefined) {
      return graphqlError;
    }
    return new GraphQLError(formatted.message, {
      nodes: graphqlError?.nodes,
      source: graphqlError?.source,
      positions: graphqlError?.positions,
      path: graphqlError?.path,
      extensions: formatted.extensions,
    });
  };
}
