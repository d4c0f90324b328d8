/**
 * Contract checks run by `npm test`:
 *  1. buf lint: the protobuf style rules;
 *  2. buf breaking: no wire-breaking change against the released baseline (proto/baseline.binpb);
 *  3. the generated TypeScript in libs/contracts/src/gen is exactly what the protos produce.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const BUF = join(ROOT, 'node_modules/.bin/buf');
const GEN = join(ROOT, 'libs/contracts/src/gen');

function run(args: string[]): void {
  execFileSync(BUF, args, { cwd: ROOT, stdio: 'inherit' });
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

run(['lint', 'proto']);
console.log('contracts: buf lint ok');
run(['breaking', 'proto', '--against', 'proto/baseline.binpb']);
console.log('contracts: no breaking change against proto/baseline.binpb');

const committed = mkdtempSync(join(tmpdir(), 'contracts-'));
cpSync(GEN, committed, { recursive: true });
try {
  run(['generate', 'proto', '--template', 'proto/buf.gen.yaml']);
  const before = files(committed).map((f) => relative(committed, f)).sort();
  const after = files(GEN).map((f) => relative(GEN, f)).sort();
  const differing = [...new Set([...before, ...after])].filter((f) => {
    try {
      return readFileSync(join(committed, f), 'utf8') !== readFileSync(join(GEN, f), 'utf8');
    } catch {
      return true;
    }
  });
  if (differing.length) {
    console.error(`contracts: generated code is stale (${differing.join(', ')}); run npm run contracts:generate and commit`);
    process.exit(1);
  }
  console.log('contracts: generated TypeScript is current');
} finally {
  rmSync(committed, { recursive: true, force: true });
}
