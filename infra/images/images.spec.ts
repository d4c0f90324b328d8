import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { SERVICES } from '../k8s/catalogue';
import { build } from './build';

const ROOT = resolve(__dirname, '../..');
const IMAGES = __dirname;
/** The service folders of this checkout: whatever lands in services/ is checked the day it lands. */
const serviceFolders = readdirSync(join(ROOT, 'services')).filter((n) => statSync(join(ROOT, 'services', n)).isDirectory());
const dockerfiles = readdirSync(IMAGES).filter((f) => f.endsWith('.Dockerfile')).map((f) => f.replace(/\.Dockerfile$/, ''));

/** What is wrong with one service's Dockerfile, each problem named; [] when it is right. */
export function dockerfileProblems(service: string, text: string, root = ROOT): string[] {
  const problems: string[] = [];
  const spec = SERVICES.find((s) => s.name === service);
  const froms = [...text.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
  if (froms.length < 2) problems.push(`${service}: not multi-stage (${froms.length} FROM)`);
  if (!froms.every((f) => /^node:24[.\d]*-/.test(f))) problems.push(`${service}: not every stage is on Node 24: ${froms.join(', ')}`);
  const runtime = text.slice([...text.matchAll(/^FROM\s/gm)].at(-1)?.index ?? 0);
  const user = /^USER\s+(\S+)/m.exec(runtime)?.[1];
  if (!user || /^(0|root)(:|$)/.test(user)) problems.push(`${service}: the runtime stage does not switch to a non-root user`);
  if (!/--omit=dev/.test(text)) problems.push(`${service}: production dependencies are not installed with --omit=dev`);
  if (/swc-node\/register/.test(runtime)) problems.push(`${service}: the runtime stage needs a dev dependency (@swc-node/register)`);
  if (!/^HEALTHCHECK\s/m.test(runtime)) problems.push(`${service}: no HEALTHCHECK`);
  if (spec && !runtime.includes(`127.0.0.1:${spec.port}${spec.readyPath}`)) problems.push(`${service}: HEALTHCHECK does not probe port ${spec.port}`);
  if (spec && !new RegExp(`^EXPOSE ${spec.port}$`, 'm').test(runtime)) problems.push(`${service}: does not EXPOSE ${spec.port}`);
  const cmd = /^CMD \["node", "(services\/[^"]+)\.js"\]/m.exec(runtime)?.[1];
  if (!cmd) problems.push(`${service}: CMD does not run a compiled entry point`);
  else if (!existsSync(join(root, `${cmd}.ts`))) problems.push(`${service}: entry point ${cmd}.ts does not exist`);
  if (!text.includes(`infra/images/build.ts ${service} `)) problems.push(`${service}: does not build ${service}`);
  return problems;
}

describe('container images', () => {
  it('every folder of services/ has its Dockerfile, and its entry point exists', () => {
    expect(serviceFolders.length).toBeGreaterThanOrEqual(4);
    for (const service of serviceFolders) {
      const file = join(IMAGES, `${service}.Dockerfile`);
      expect([service, existsSync(file)]).toEqual([service, true]);
      expect(dockerfileProblems(service, readFileSync(file, 'utf8'))).toEqual([]);
    }
  });

  it('every service of the deployment catalogue has a Dockerfile; those not yet in services/ are the ones being written', () => {
    expect(dockerfiles.sort()).toEqual(SERVICES.map((s) => s.name).sort());
    const pending = SERVICES.map((s) => s.name).filter((s) => !serviceFolders.includes(s));
    expect(pending.filter((s) => !['tendering', 'atlas', 'portal'].includes(s))).toEqual([]);
  });

  it('negative control: a single-stage root image with dev tooling and no health check is refused', () => {
    const bad = 'FROM node:22-slim\nRUN npm install\nCMD ["node", "-r", "@swc-node/register", "services/booking/src/main.ts"]\n';
    expect(dockerfileProblems('booking', bad)).toEqual([
      'booking: not multi-stage (1 FROM)',
      'booking: not every stage is on Node 24: node:22-slim',
      'booking: the runtime stage does not switch to a non-root user',
      'booking: production dependencies are not installed with --omit=dev',
      'booking: the runtime stage needs a dev dependency (@swc-node/register)',
      'booking: no HEALTHCHECK',
      'booking: HEALTHCHECK does not probe port 4102',
      'booking: does not EXPOSE 4102',
      'booking: CMD does not run a compiled entry point',
      'booking: does not build booking',
    ]);
    const good = readFileSync(join(IMAGES, 'booking.Dockerfile'), 'utf8');
    expect(dockerfileProblems('booking', good.replace('services/booking/src/main.js', 'services/booking/src/mian.js'))).toEqual([
      'booking: entry point services/booking/src/mian.ts does not exist',
    ]);
  });

  it('the build step of the images compiles a service into JavaScript that needs no TypeScript tooling', () => {
    const out = mkdtempSync(join(tmpdir(), 'image-build-'));
    try {
      expect(build('booking', out)).toBeGreaterThan(50);
      const main = readFileSync(join(out, 'services/booking/src/main.js'), 'utf8');
      expect(main).toContain('require("../../../libs/service-kit/src")');
      expect(main).not.toMatch(/@rim\/|import type/);
      expect(existsSync(join(out, 'services/booking/schema.graphql'))).toBe(true);
      expect(readdirSync(join(out, 'libs'))).not.toContain('testing');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('docker-compose.yml', () => {
  const text = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
  const compose = parse(text, { merge: true }) as { services: Record<string, { build?: { dockerfile: string }; image: string }> };
  const spec = JSON.parse(readFileSync(join(IMAGES, 'compose-spec.json'), 'utf8')) as Record<string, unknown>;
  delete spec.$schema;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(spec);

  it('validates against the Compose Specification schema', () => {
    expect([validate(compose), validate.errors ?? []]).toEqual([true, []]);
  });

  it('negative control: an unknown service option fails the schema', () => {
    const broken = structuredClone(compose) as Record<string, Record<string, Record<string, unknown>>>;
    broken.services.booking.network_mod = 'host';
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/services/booking', params: { additionalProperty: 'network_mod' } });
  });

  it('runs every service of the catalogue from its own image', () => {
    for (const s of SERVICES) {
      expect([s.name, compose.services[s.name]?.build?.dockerfile]).toEqual([s.name, `infra/images/${s.name}.Dockerfile`]);
      expect(compose.services[s.name].image).toBe(`regional-marketplace/${s.name}:0.1.0`);
    }
  });

  const dockerCompose = (() => {
    try {
      execFileSync('docker-compose', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  // Debian's docker-compose 1.29 checks the file offline (.ci/run installs it); it predates the
  // Compose Specification's top-level `name`, so that one line is left out of what it reads.
  it('docker-compose 1.29 `config -q` accepts it, and refuses a broken copy (where docker-compose is installed)', () => {
    if (!dockerCompose) return expect(dockerCompose).toBe(false);
    const check = (yaml: string) => {
      try {
        execFileSync('docker-compose', ['-f', '-', 'config', '-q'], { input: yaml, cwd: ROOT, stdio: ['pipe', 'ignore', 'pipe'] });
        return 'valid';
      } catch (e) {
        return String((e as { stderr: Buffer }).stderr);
      }
    };
    const withoutName = text.replace(/^name: .*\n/m, '');
    expect(check(withoutName)).toBe('valid');
    expect(check(withoutName.replace('    network_mode: host\n', '    network_mod: host\n'))).toContain("Unsupported config option for services.topics: 'network_mod'");
  });
});
