import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUBGRAPHS } from '@rim/supergraph';

const ROOT = join(__dirname, '..');

/**
 * The subgraph list (libs/supergraph) is where ports live. A service's config class keeps its own
 * default (`BOOKING_PORT = 4102`) because a service may not import tooling; this test fails when
 * the two drift, read from the source text so that tooling still imports no service.
 */
export function defaultPortIn(configSource: string, name: string): number | undefined {
  const m = new RegExp(`\\b${name.toUpperCase()}_PORT\\s*=\\s*(\\d+)`).exec(configSource);
  return m ? Number(m[1]) : undefined;
}

describe('subgraph ports', () => {
  it.each(SUBGRAPHS.map((s) => [s.name, s.defaultPort] as const))('%s listens by default on the port of the subgraph list (%i)', (name, port) => {
    const source = readFileSync(join(ROOT, 'services', name, 'src', `${name}.config.ts`), 'utf8');
    expect(defaultPortIn(source, name)).toBe(port);
  });

  it('reads the default of a config class, and notices a different one', () => {
    expect(defaultPortIn('  @IsInt()\n  BOOKING_PORT = 4102;', 'booking')).toBe(4102);
    expect(defaultPortIn('  BOOKING_PORT = 4199;', 'booking')).not.toBe(4102);
  });
});
