import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';

type HttpExtension = { status?: number; spec?: boolean };

/** The same error, with its HTTP status no longer relaxed to 200 for `application/json` clients. */
function withStrictStatus(error: GraphQLError): GraphQLError {
  const http = error.extensions?.http as HttpExtension | undefined;
  if (!http?.spec) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, http: { ...http, spec: false } },
  });
}

/**
 * An operation refused before execution (parse error, validation, including graphql-armor's limits
 * and disabled introspection) is answered 400, as the Apollo gateway did. Yoga follows the
 * GraphQL-over-HTTP rule for `application/json` responses and would answer 200 with the error;
 * a 400 is what clients, proxies and our monitoring have been taught to read as "refused".
 */
export function requestErrorStatusPlugin(): GatewayPlugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !('errors' in result) || !result.errors?.length) return;
      if (result.errors.every((e) => !(e instanceof GraphQLError) || !(e.extensions?.http as HttpExtension | undefined)?.spec)) return;
      setResult({ ...result, errors: result.errors.map((e) => (e instanceof GraphQLError ? withStrictStatus(e) : e)) });
    },
  };
}
