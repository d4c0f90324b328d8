import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import type { SubgraphDefinition } from './subgraphs';

export class CompositionError extends Error {
  constructor(readonly problems: string[]) {
    super(`the subgraph schemas do not compose:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

/**
 * Composes the subgraph schemas into a supergraph (Federation v2) with The Guild's composition,
 * MIT like the Hive Gateway runtime that serves it (Apollo's is Elastic-2.0).
 *
 * @example
 * const supergraphSdl = composeSupergraph(readCommittedSubgraphs(root, urlOf));
 */
export function composeSupergraph(subgraphs: SubgraphDefinition[]): string {
  const result = composeServices(
    subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })),
  );
  if (result.errors && result.errors.length > 0) {
    throw new CompositionError(result.errors.map((e) => e.message));
  }
  if (!result.supergraphSdl) throw new CompositionError(['composition produced no supergraph']);
  return result.supergraphSdl;
}
