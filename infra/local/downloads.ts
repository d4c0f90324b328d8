/**
 * Kafka jars and the Keycloak distribution, fetched from Maven Central through mvn once and cached
 * under ~/.cache/regional-marketplace; versions come from the poms, so there is one place to change them.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './profiles';
import { isAlive, run, secs, sleep } from './processes';

const INFRA = path.join(REPO_ROOT, 'infra');

export function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'regional-marketplace');
}

/** Versions come from the poms, so there is one place to change them. */
export function pomProperty(pom: string, name: string): string {
  const text = fs.readFileSync(pom, 'utf8');
  const m = new RegExp(`<${name.replace(/\./g, '\\.')}>([^<]+)</`).exec(text);
  if (!m) throw new Error(`property ${name} not found in ${pom}`);
  return m[1].trim();
}

export const KAFKA_POM = path.join(INFRA, 'kafka', 'pom.xml');
export const KEYCLOAK_POM = path.join(INFRA, 'keycloak', 'pom.xml');
export const REALM_FILE = path.join(INFRA, 'keycloak', 'realm-marketplace.json');

/** Cross-process lock: mkdir is atomic. A lock whose owner pid is dead is taken over. */
async function withLock<T>(name: string, fn: () => Promise<T>, log: (l: string) => void): Promise<T> {
  const dir = path.join(cacheDir(), `.lock-${name}`);
  await fsp.mkdir(cacheDir(), { recursive: true });
  let warned = false;
  for (;;) {
    try {
      await fsp.mkdir(dir);
      await fsp.writeFile(path.join(dir, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number.parseInt(await fsp.readFile(path.join(dir, 'pid'), 'utf8').catch(() => '0'), 10);
      const age = Date.now() - (await fsp.stat(dir).then((s) => s.mtimeMs).catch(() => Date.now()));
      if ((owner && !isAlive(owner)) || (!owner && age > 10_000)) {
        await fsp.rm(dir, { recursive: true, force: true });
        continue;
      }
      if (!warned) log(`waiting for another process (pid ${owner}) downloading ${name}...`);
      warned = true;
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

function mvnArgs(pom: string, outDir: string): string[] {
  return ['-B', '-ntp', '-q', '-Dstyle.color=never', '-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${outDir}`, '-DincludeScope=runtime'];
}

export async function ensureKafkaLibs(log: (l: string) => void, logFile: string): Promise<{ version: string; libs: string }> {
  const version = pomProperty(KAFKA_POM, 'kafka.version');
  const home = path.join(cacheDir(), `kafka-${version}`);
  const libs = path.join(home, 'libs');
  const marker = path.join(home, '.complete');
  if (fs.existsSync(marker)) return { version, libs };
  await withLock(`kafka-${version}`, async () => {
    if (fs.existsSync(marker)) return;
    const t0 = Date.now();
    log(`kafka: downloading ${version} jars from Maven Central (first run)...`);
    const tmp = `${home}.tmp-${process.pid}`;
    await fsp.rm(tmp, { recursive: true, force: true });
    await run('mvn', mvnArgs(KAFKA_POM, path.join(tmp, 'libs')), { logFile });
    await fsp.writeFile(path.join(tmp, '.complete'), new Date().toISOString());
    await fsp.rm(home, { recursive: true, force: true });
    await fsp.rename(tmp, home);
    log(`kafka: downloaded in ${secs(t0)}`);
  }, log);
  return { version, libs };
}

export async function ensureKeycloakDist(log: (l: string) => void, logFile: string): Promise<{ version: string; home: string }> {
  const version = pomProperty(KEYCLOAK_POM, 'keycloak.version');
  const home = path.join(cacheDir(), `keycloak-${version}`);
  const marker = path.join(home, '.complete');
  if (fs.existsSync(marker)) return { version, home };
  await withLock(`keycloak-${version}`, async () => {
    if (fs.existsSync(marker)) return;
    const t0 = Date.now();
    log(`keycloak: downloading ${version} distribution from Maven Central (first run)...`);
    const tmp = `${home}.tmp-${process.pid}`;
    await fsp.rm(tmp, { recursive: true, force: true });
    await fsp.mkdir(tmp, { recursive: true });
    await run('mvn', mvnArgs(KEYCLOAK_POM, tmp), { logFile });
    const zip = path.join(tmp, `keycloak-quarkus-dist-${version}.zip`);
    await run('unzip', ['-q', zip, '-d', tmp], { logFile });
    await fsp.rm(zip, { force: true });
    const unpacked = path.join(tmp, `keycloak-${version}`);
    await fsp.writeFile(path.join(unpacked, '.complete'), new Date().toISOString());
    await fsp.rm(home, { recursive: true, force: true });
    await fsp.rename(unpacked, home);
    await fsp.rm(tmp, { recursive: true, force: true });
    log(`keycloak: downloaded and unpacked in ${secs(t0)}`);
  }, log);
  return { version, home };
}
