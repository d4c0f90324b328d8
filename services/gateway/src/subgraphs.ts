import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The subgraphs the gateway composes. Each service commits its emitted `schema.graphql`; the
 * gateway composes those files at boot (and the tests compose them on every run), so a schema
 * change that breaks composition fails before anything is deployed.
 */
export const SUBGRAPHS = [{ name: 'directory', urlVariable: 'DIRECTORY_URL', defaultPort: 4101 }] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export interface SubgraphDefinition {
  name: string;
  url: string;
  sdl: string;
}

/** Reads every committed subgraph schema from `services/<name>/schema.graphql`. */
export function readCommittedSubgraphs(
  workspaceRoot: string,
  urlOf: (name: SubgraphName) => string,
): SubgraphDefinition[] {
  return SUBGRAPHS.map(({ name }) => {
    const file = join(workspaceRoot, 'services', name, 'schema.graphql');
    if (!existsSync(file)) throw new Error(`subgraph ${name}: ${file} is missing (run npm run schema:emit)`);
    return { name, url: urlOf(name), sdl: readFileSync(file, 'utf8') };
  });
}
