/**
 * The "http" subgraph transport of Hive Gateway. The gateway runtime loads it from
 * `@graphql-mesh/transport-http`, a dependency of the `@graphql-hive/gateway` CLI package that is
 * not installed here (only `@graphql-hive/gateway-runtime` is). This is the same thing in a few
 * lines, on `@graphql-tools/executor-http` (installed with the runtime): one HTTP executor per
 * subgraph, using the fetch the runtime hands over (so plugins such as propagateHeaders apply).
 * Queries and mutations only; no subscriptions (none in the supergraph).
 *
 * executor-http deduplicates identical in-flight queries to a subgraph by default (same URL, body
 * and headers share one request); HIVE_DEDUPE=0 turns that off, to compare like for like with the
 * Apollo gateway, which sends every request.
 */
import type { Transport } from '@graphql-mesh/transport-common';
import { buildHTTPExecutor, type AsyncFetchFn } from '@graphql-tools/executor-http';

export const httpTransport: Transport = {
  getSubgraphExecutor({ transportEntry, fetch, getDisposeReason }) {
    const headers = Array.isArray(transportEntry.headers) ? Object.fromEntries(transportEntry.headers) : undefined;
    return buildHTTPExecutor({
      endpoint: transportEntry.location,
      headers,
      // MeshFetch and the executor's FetchFn differ only in their declared option types
      fetch: fetch as unknown as AsyncFetchFn,
      getDisposeReason,
      deduplicateInflightRequests: process.env.HIVE_DEDUPE !== '0',
      ...transportEntry.options,
    });
  },
};
