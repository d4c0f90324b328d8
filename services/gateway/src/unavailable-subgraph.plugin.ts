import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';

/** The code `@graphql-tools/executor-http` gives a subgraph that could not be reached or answered no GraphQL. */
const TRANSPORT_FAILURE = 'SUBREQUEST_HTTP_ERROR';

/** The error a client gets for a subgraph that is down: which service, and nothing internal. */
export function serviceUnavailable(service: string, path?: ReadonlyArray<string | number>): GraphQLError {
  return new GraphQLError(`the ${service} service is unavailable; try again later`, {
    path,
    extensions: { code: 'SERVICE_UNAVAILABLE', service },
  });
}

/**
 * A subgraph that is down used to reach the client as "internal error (reference ...)" with no
 * hint of which one (issue 14). A transport failure is not a bug to hide but a state to report:
 * it becomes SERVICE_UNAVAILABLE naming the service, without the address, the request body or
 * the socket error (those stay in the gateway's log). Errors the subgraph itself wrote are untouched.
 */
export function unavailableSubgraphPlugin(log: (service: string, error: GraphQLError) => void): GatewayPlugin {
  return {
    onSubgraphExecute({ subgraphName }) {
      return ({ result, setResult }) => {
        if (!result || typeof result !== 'object' || Symbol.asyncIterator in result || !('errors' in result) || !result.errors?.length) return;
        const errors = result.errors as GraphQLError[];
        if (!errors.some((e) => e.extensions?.code === TRANSPORT_FAILURE)) return;
        setResult({
          ...result,
          errors: errors.map((error) => {
            if (error.extensions?.code !== TRANSPORT_FAILURE) return error;
            log(subgraphName, error);
            return serviceUnavailable(subgraphName, error.path);
          }),
        });
      };
    },
  };
}
