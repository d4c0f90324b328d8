/**
 * Composes the committed subgraph schemas (services/<name>/schema.graphql) into the supergraph,
 * as the gateway does at boot. A schema change that breaks composition fails `npm test`.
 */
import { resolve } from 'node:path';
import { composeSupergraph, CompositionError } from '@rim/supergraph';
import { presentSubgraphs, readCommittedSubgraphs } from '@rim/supergraph';

const ROOT = resolve(__dirname, '..');
try {
  const supergraph = composeSupergraph(readCommittedSubgraphs(ROOT, (name) => `http://${name}.invalid/graphql`));
  console.log(`supergraph: ${presentSubgraphs(ROOT).join(", ")} compose (${supergraph.length} characters of SDL)`);
} catch (error) {
  console.error(error instanceof CompositionError ? error.message : error);
  process.exit(1);
}
