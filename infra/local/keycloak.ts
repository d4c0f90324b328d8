/** Keycloak 26 (the quarkus distribution from Maven Central) on the newest suitable JDK, with the marketplace realm imported. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { ensureKeycloakDist, REALM_FILE } from './downloads';
import { HOST, type Profile, type ProfilePorts } from './profiles';
import { ComponentError, type Managed, run, secs, spawnManaged, stopManaged, waitFor } from './processes';
import type { LocalStack } from './types';

function javaMajor(javaBin: string): number | undefined {
  const r = spawnSync(javaBin, ['-version'], { encoding: 'utf8' });
  const m = /version "(\d+)/.exec(`${r.stderr}${r.stdout}`);
  return m ? Number.parseInt(m[1], 10) : undefined;
}

/**
 * Keycloak 26.5 supports OpenJDK 17, 21 and 25 and recommends the newest: take KC_JAVA_HOME if set,
 * else the newest JDK >= 21 under /usr/lib/jvm, else whatever `java` is (17 still works).
 */
export function keycloakJavaHome(): string | undefined {
  if (process.env.KC_JAVA_HOME) return process.env.KC_JAVA_HOME;
  const candidates: Array<{ home: string; major: number }> = [];
  try {
    for (const d of fs.readdirSync('/usr/lib/jvm')) {
      const home = path.join('/usr/lib/jvm', d);
      const bin = path.join(home, 'bin', 'java');
      if (!fs.existsSync(bin) || fs.lstatSync(home).isSymbolicLink()) continue;
      const major = javaMajor(bin);
      if (major && major >= 21 && major <= 25) candidates.push({ home, major });
    }
  } catch {
    /* no /usr/lib/jvm */
  }
  candidates.sort((a, b) => b.major - a.major);
  return candidates[0]?.home ?? process.env.JAVA_HOME;
}

export interface KeycloakHandle {
  managed: Managed;
  info: LocalStack['keycloak'];
}

export async function startKeycloak(profile: Profile, stateDir: string, ports: ProfilePorts, log: (l: string) => void): Promise<KeycloakHandle> {
  const t0 = Date.now();
  const logFile = path.join(stateDir, 'logs', 'keycloak.log');
  const dist = await ensureKeycloakDist(log, logFile);
  // Keycloak keeps its data (H2 file, import dir, tmp) and its build (lib/quarkus, rewritten on
  // a build-option change such as --db) inside its home: each stack gets its own copy (175 MB, ~1 s).
  const home = path.join(stateDir, 'keycloak', 'home');
  const marker = path.join(home, '.dist-version');
  if ((await fsp.readFile(marker, 'utf8').catch(() => '')) !== dist.version) {
    log(`keycloak: preparing a private copy of the ${dist.version} distribution...`);
    await fsp.rm(home, { recursive: true, force: true });
    await fsp.mkdir(path.dirname(home), { recursive: true });
    await run('cp', ['-a', dist.home, home], { logFile });
    await fsp.writeFile(marker, dist.version);
  }
  const dataDir = path.join(home, 'data');
  if (profile === 'test') await fsp.rm(dataDir, { recursive: true, force: true });
  await fsp.mkdir(path.join(dataDir, 'import'), { recursive: true });
  const realm = await fsp.readFile(REALM_FILE, 'utf8');
  await fsp.writeFile(path.join(dataDir, 'import', 'realm-marketplace.json'), realm);
  const db = profile === 'test' ? 'dev-mem' : 'dev-file';
  if (db === 'dev-file') {
    // the import skips an existing realm: tell the developer when the export changed since
    const hashFile = path.join(dataDir, '.realm-imported');
    const hash = createHash('sha256').update(realm).digest('hex');
    const previous = await fsp.readFile(hashFile, 'utf8').catch(() => undefined);
    if (previous && previous !== hash && fs.existsSync(path.join(dataDir, 'h2'))) {
      log(`keycloak: WARNING realm-marketplace.json changed since the dev database was created; ` +
        `delete ${path.join(dataDir, 'h2')} to re-import it`);
    } else if (!previous) await fsp.writeFile(hashFile, hash);
  }
  const adminUser = process.env.KC_BOOTSTRAP_ADMIN_USERNAME ?? 'admin';
  const adminPassword = process.env.KC_BOOTSTRAP_ADMIN_PASSWORD ?? 'admin';
  const javaHome = keycloakJavaHome();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KC_BOOTSTRAP_ADMIN_USERNAME: adminUser,
    KC_BOOTSTRAP_ADMIN_PASSWORD: adminPassword,
    JAVA_OPTS_KC_HEAP: process.env.JAVA_OPTS_KC_HEAP ?? '-Xms64m -Xmx512m',
  };
  if (javaHome) env.JAVA_HOME = javaHome;
  const major = javaMajor(javaHome ? path.join(javaHome, 'bin', 'java') : 'java') ?? 17;
  if (major >= 24 && env.JAVA_OPTS_APPEND === undefined) {
    // jboss-threads needs java.lang opened on JDK 24+ (else errors at shutdown); netty's Unsafe use warns
    env.JAVA_OPTS_APPEND = '--add-opens=java.base/java.lang=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED';
  }
  const url = `http://${HOST}:${ports.keycloak}`;
  const args = [
    'start-dev',
    `--http-port=${ports.keycloak}`,
    `--http-host=${HOST}`,
    `--hostname=${url}`,
    `--http-management-port=${ports.keycloakManagement}`,
    '--health-enabled=true',
    '--import-realm',
    `--db=${db}`,
  ];
  log(`keycloak: starting ${dist.version} (${db}, JDK ${major} ${javaHome ?? '(java on PATH)'}) on ${url}...`);
  const managed = spawnManaged('keycloak', path.join(home, 'bin', 'kc.sh'), args, { cwd: home, env, logFile });
  const fatal = () => (managed.exited ? `process ${managed.exitInfo}` : undefined);
  const issuer = `${url}/realms/marketplace`;
  try {
    await waitFor(
      'Keycloak /health/ready',
      async () => (await fetch(`http://${HOST}:${ports.keycloakManagement}/health/ready`, { signal: AbortSignal.timeout(2000) })).ok,
      300_000,
      fatal,
    );
    await waitFor(
      'the marketplace realm discovery document',
      async () => {
        const r = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(2000) });
        if (!r.ok) return false;
        const doc = (await r.json()) as { issuer?: string };
        if (doc.issuer !== issuer) throw new Error(`issuer is ${doc.issuer}, expected ${issuer}`);
        return true;
      },
      30_000,
      fatal,
    );
  } catch (e) {
    await stopManaged(managed);
    throw new ComponentError('keycloak', (e as Error).message, logFile);
  }
  log(`keycloak: ready in ${secs(t0)} on ${url} (issuer ${issuer})`);
  return { managed, info: { url, realm: 'marketplace', issuer, adminUser, adminPassword } };
}
