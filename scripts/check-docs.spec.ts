import { exampleModule, examplesOf, relativeLinks } from './check-docs';

describe('docs check: links', () => {
  it('finds relative links and reference definitions, not URLs, anchors or code', () => {
    const md = [
      'See [infra](infra/README.md#ports) and [the web](https://example.org) and [top](#top).',
      '[ref]: docs/decisions/0001-x.md',
      'Inline `[not](a-link.md)` code.',
      '```',
      '[fenced](fenced.md)',
      '```',
      '[after](../shared/ARCHITECTURE.md "title")',
    ].join('\n');
    expect(relativeLinks(md)).toEqual([
      { line: 1, target: 'infra/README.md#ports' },
      { line: 2, target: 'docs/decisions/0001-x.md' },
      { line: 7, target: '../shared/ARCHITECTURE.md' },
    ]);
  });
});

describe('docs check: @example blocks', () => {
  const source = [
    '/**',
    ' * Does a thing.',
    ' *',
    ' * @example',
    ' * ```ts',
    ' * @Injectable()',
    ' * class A {}',
    ' * ```',
    ' * @see elsewhere',
    ' */',
    'export const x = 1;',
    '/**',
    ' * @example',
    ' * const y = thing(1);',
    ' * @returns nothing',
    ' */',
  ].join('\n');

  it('reads each example up to the next tag, decorators inside a fence included', () => {
    expect(examplesOf('f.ts', source)).toEqual([
      { file: 'f.ts', line: 4, code: '@Injectable()\nclass A {}' },
      { file: 'f.ts', line: 13, code: 'const y = thing(1);' },
    ]);
  });

  it('keeps imports on top, imports what it found elsewhere, declares call-site values, wraps the rest', () => {
    const example = { file: 'f.ts', line: 1, code: "import { a } from 'x';\nexport const y = a(thing, dataSource);" };
    const module = exampleModule(example, new Map([['thing', '@rim/things']]), ['dataSource']);
    expect(module).toBe(
      [
        '// f.ts:1',
        "import { a } from 'x';",
        "import { thing } from '@rim/things';",
        'declare let dataSource: any; type dataSource = any;',
        'export async function example(this: any) {',
        'const y = a(thing, dataSource);',
        '}',
        '',
      ].join('\n'),
    );
  });
});
