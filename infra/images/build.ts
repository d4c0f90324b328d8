/**
 * Compiles one service and the libs into plain JavaScript for its container image:
 *
 *   node -r @swc-node/register infra/images/build.ts <service> <out-dir>
 *
 * SWC with the options of jest.preset.js (legacy decorators and their metadata, for NestJS), and
 * the `@rim/*` aliases of tsconfig.base.json rewritten to relative paths, so the image runs
 * `node services/<service>/src/main.js` with production dependencies only (no SWC at run time).
 * Files other than TypeScript (JSON data, schema.graphql, the directory's reference data) are
 * copied beside the code that reads them.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { transformFileSync } from '@swc/core';

const ROOT = resolve(__dirname, '../..');
const { compilerOptions } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
const SKIP = /(\.spec\.ts|\.integration-spec\.ts|\.e2e-spec\.ts)$/;

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'test' || name === 'node_modules') return [];
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** What goes into the image of `service`: its folder (schema, data, sources) and every lib. */
export function sourcesOf(service: string): string[] {
  const libs = readdirSync(join(ROOT, 'libs')).filter((l) => l !== 'testing');
  const roots = [join(ROOT, 'services', service), ...libs.map((l) => join(ROOT, 'libs', l, 'src'))];
  // the gateway composes the committed subgraph schemas when no SUPERGRAPH_FILE is given
  if (service === 'gateway') roots.push(...readdirSync(join(ROOT, 'services')).map((s) => join(ROOT, 'services', s, 'schema.graphql')));
  return roots.flatMap((r) => (existsSync(r) && statSync(r).isFile() ? [r] : files(r))).filter((f) => !SKIP.test(f) && !f.endsWith('project.json') && !f.endsWith('Dockerfile'));
}

export function build(service: string, out: string): number {
  const entry = join(ROOT, 'services', service, 'src', 'main.ts');
  if (!existsSync(entry)) throw new Error(`services/${service}/src/main.ts does not exist`);
  const paths = Object.fromEntries(Object.entries(compilerOptions.paths).map(([alias, targets]) => [alias, targets]));
  let count = 0;
  for (const file of sourcesOf(service)) {
    const rel = relative(ROOT, file);
    const target = join(out, rel.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    if (!file.endsWith('.ts')) {
      copyFileSync(file, target);
      continue;
    }
    const { code } = transformFileSync(file, {
      swcrc: false,
      sourceMaps: false,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2022',
        keepClassNames: true,
        baseUrl: ROOT,
        paths,
      },
      module: { type: 'commonjs' },
    });
    writeFileSync(target, code);
    count++;
  }
  return count;
}

if (require.main === module) {
  const [service, out] = process.argv.slice(2);
  if (!service || !out) {
    console.error('usage: build.ts <service> <out-dir>');
    process.exit(64);
  }
  console.log(`${service}: ${build(service, resolve(out))} files compiled into ${out}`);
}
