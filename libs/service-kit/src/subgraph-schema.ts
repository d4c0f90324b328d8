import { writeFileSync } from 'node:fs';
import { printSubgraphSchema } from '@apollo/subgraph';
import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';

/**
 * The subgraph SDL of a running Nest federation service, with its federation directives
 * (`@link`, `@key`...), as the gateway composes it.
 *
 * @example
 * expect(subgraphSdl(app)).toBe(readFileSync('services/directory/schema.graphql', 'utf8'));
 */
export function subgraphSdl(app: INestApplication): string {
  const { schema } = app.get(GraphQLSchemaHost);
  return `${printSubgraphSchema(schema).trim()}\n`;
}

/** Writes the subgraph SDL to `path` (the committed `schema.graphql`). */
export function writeSubgraphSchema(app: INestApplication, path: string): void {
  writeFileSync(path, subgraphSdl(app));
}
