import { resolve } from 'node:path';
import { composeSupergraph, CompositionError } from './compose-supergraph';
import { readCommittedSubgraphs } from './subgraphs';

const LINK = (version: string) =>
  `extend schema @link(url: "https://specs.apollo.dev/federation/${version}", import: ["@key", "@shareable"])`;

const subgraph = (name: string, sdl: string, version = 'v2.3') => ({ name, url: `http://${name}.invalid/graphql`, sdl: `${LINK(version)}\n${sdl}` });

describe('composeSupergraph (The Guild composition)', () => {
  it('composes the committed subgraph schemas into a supergraph that joins them', () => {
    const subgraphs = readCommittedSubgraphs(resolve(__dirname, '..', '..', '..'), (name) => `http://${name}.invalid/graphql`);
    expect(subgraphs.length).toBeGreaterThan(0);
    const supergraph = composeSupergraph(subgraphs);
    for (const { name } of subgraphs) expect(supergraph).toContain(`http://${name}.invalid/graphql`);
    expect(supergraph).toContain('@join__type');
  });

  it('refuses two subgraphs that disagree on a field, naming it', () => {
    const a = subgraph('a', 'type Query { a: Int }\ntype Organisation @key(fields: "id") { id: ID! siren: String }');
    const b = subgraph('b', 'type Query { b: Int }\ntype Organisation @key(fields: "id") { id: ID! siren: Int }');
    expect(() => composeSupergraph([a, b])).toThrow(CompositionError);
    expect(() => composeSupergraph([a, b])).toThrow(/Organisation\.siren/);
  });

  it('refuses a subgraph linking a federation version it does not know, so a service upgrade cannot slip past', () => {
    const a = subgraph('a', 'type Query { a: Int }', 'v2.12');
    expect(() => composeSupergraph([a])).toThrow(CompositionError);
  });
});
