import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Error codes whose message is meant for the client. Anything else is masked. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'CONFLICT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  // A subgraph that cannot be reached: the client is told which one (the gateway writes it).
  'SERVICE_UNAVAILABLE',
]);

/**
 * Apollo `formatError` that lets client errors through and masks everything else: the client gets
 * "internal error" and a reference, the log gets the stack. Never a stack trace to the client.
 *
 * @example
 * new ApolloServer({ schema, formatError: maskInternalErrors((ref, e) => logger.error(ref, e)) });
 */
export function maskInternalErrors(
  log: (reference: string, error: unknown) => void,
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      // Drop the stack trace Apollo adds in development; keep code and field details.
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const reference = randomUUID();
    const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
    log(reference, original);
    return {
      message: `internal error (reference ${reference})`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', reference },
    };
  };
}
