import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every subgraph the platform may run, with its default port. A subgraph takes part in the
 * supergraph once its service commits `services/<name>/schema.graphql`; the gateway composes
 * those files at boot (and `npm test` composes them on every run), so a schema change that breaks
 * composition fails before anything is deployed. Its URL comes from `<NAME>_URL`.
 */
export const SUBGRAPHS = [
  { name: 'directory', defaultPort: 4101 },
  { name: 'booking', defaultPort: 4102 },
  { name: 'tendering', defaultPort: 4103 },
  { name: 'logistics', defaultPort: 4104 },
  { name: 'atlas', defaultPort: 4105 },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export interface SubgraphDefinition {
  name: string;
  url: string;
  sdl: string;
}

/** The subgraphs whose service exists in this checkout (it has committed its schema). */
export function presentSubgraphs(workspaceRoot: string): SubgraphName[] {
  return SUBGRAPHS.filter(({ name }) => existsSync(join(workspaceRoot, 'services', name, 'schema.graphql'))).map(
    ({ name }) => name,
  );
}

/** The URL of a subgraph: `<NAME>_URL` from the environment, or its default local port. */
export function subgraphUrl(name: SubgraphName, env: Record<string, string | undefined>): string {
  const port = SUBGRAPHS.find((s) => s.name === name)?.defaultPort;
  return env[`${name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${port}/graphql`;
}

/** Reads every committed subgraph schema from `services/<name>/schema.graphql`. */
export function readCommittedSubgraphs(
  workspaceRoot: string,
  urlOf: (name: SubgraphName) => string,
): SubgraphDefinition[] {
  return presentSubgraphs(workspaceRoot).map((name) => ({
    name,
    url: urlOf(name),
    sdl: readFileSync(join(workspaceRoot, 'services', name, 'schema.graphql'), 'utf8'),
  }));
}
