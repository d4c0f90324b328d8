/**
 * The fault suite that counts (issue 14, item 2; docs/decisions/0141-chaos-suite.md). On a stack of
 * its own (profile `chaos`: its own ports and state, so killing its broker disturbs no one), it runs
 * the directory (producer), the atlas and a counting consumer (consumers) as real processes under
 * the supervisor of `npm start`, sends spare-capacity declarations through the directory's GraphQL
 * API with a real Keycloak token, and meanwhile kills -9 the producer and the consumers, stops and
 * restarts Kafka and Postgres. Then it counts, in SQL and on the topic, per phase: lost, applied
 * twice, left in the outbox, and how long each recovery took.
 */
import { rm } from 'node:fs/promises';
import { loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { ALL_TOPICS, CapacityDeclaredSchema, Topic } from '@rim/contracts';
import { startLocalStack, stateDirFor, type LocalStack } from '@rim/local-stack';
import { launchService, type ServiceSpec } from '../lib/service-launcher';
import { Supervisor, superviseStack } from '../lib/supervisor';

const HOST = '127.0.0.1';
/** Service ports of the chaos profile, away from dev (41xx), test (44xx) and the e2e shifts. */
export const CHAOS_PORTS = { directory: 4801, atlas: 4805, effectInbox: 4811, effectNoInbox: 4812, relay: 4813 } as const;
const EFFECT_INBOX_GROUP = 'chaos-effect-inbox';
const EFFECT_NO_INBOX_GROUP = 'chaos-effect-no-inbox';
const PROCESS_CODE = 'cnc-milling';
/** Capacity windows start here, one hour each; phases use disjoint ranges (the rows are counted by window). */
const WINDOW_BASE = Date.parse('2031-01-01T00:00:00Z');
const HOUR = 3_600_000;

export type FaultKind = 'kill-producer' | 'kill-consumer' | 'kill-atlas' | 'restart-kafka' | 'restart-postgres';
export type PhaseKind = 'guaranteed' | 'control-no-inbox' | 'control-at-most-once-relay';

export interface PhasePlan {
  kind: PhaseKind;
  events: number;
  /** Writes per second at most (0: as fast as the writers go), so that every fault lands during the load. */
  rate: number;
  /** Each fault fires once this fraction of the phase's writes is acknowledged (and the previous fault recovered). */
  faults: Array<{ kind: FaultKind; at: number }>;
}

export interface FaultRecord {
  kind: FaultKind;
  /** Seconds from the fault to its component being up again (the supervisor's state). */
  backUpS: number;
  /** Seconds from the fault to writes and effects both moving again (effects only once the load has ended). */
  recoveredS: number;
}

export interface PhaseReport {
  kind: PhaseKind;
  consumer: string;
  attempted: number;
  acknowledged: number;
  /** Writes whose response was lost but that the directory had committed (a retry met its own window). */
  committedUnacknowledged: number;
  committed: number;
  acknowledgedNotCommitted: number;
  onTopic: number;
  topicDuplicates: number;
  missingOnTopic: number;
  deadLettered: number;
  effects: number;
  lost: number;
  lostAcknowledged: number;
  appliedTwice: number;
  atlasLost: number;
  outboxLeft: number;
  loadS: number;
  /** Seconds from the last write to every count settling (backlog drained). */
  drainS: number;
  faults: FaultRecord[];
  writeRetries: number;
}

export interface ChaosReport {
  phases: PhaseReport[];
  stackStartS: number;
  totalS: number;
  loadAverage: number[];
  cpus: number;
  supervisorLines: string[];
}

export interface ChaosOptions {
  phases: PhasePlan[];
  /** Concurrent writers. */
  concurrency?: number;
  /** How long the counts may take to settle after the last write. */
  drainTimeoutMs?: number;
  log?: (line: string) => void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const since = (t0: number) => (Date.now() - t0) / 1000;

/** The full suite (`npm run chaos`) and the CI size (`e2e/chaos.e2e-spec.ts`) differ only in sizes. */
export function chaosPlan(size: 'full' | 'ci'): PhasePlan[] {
  const main = size === 'full' ? 20_000 : 2_000;
  // 300 at CI size: enough for both controls to show their failure (66 doubles and 312 losses of 600
  // in the run that chose it), and half a minute less of the e2e's time.
  const control = size === 'full' ? 2_000 : 300;
  return [
    { kind: 'control-no-inbox', events: control, rate: 0, faults: [{ kind: 'kill-consumer', at: 0.5 }] },
    {
      kind: 'guaranteed',
      events: main,
      // The full size is long enough for the faults unthrottled; the CI size is slowed to ~70 s.
      rate: size === 'full' ? 0 : 30,
      faults: [
        { kind: 'kill-producer', at: 0.08 },
        { kind: 'kill-consumer', at: 0.2 },
        { kind: 'kill-atlas', at: 0.32 },
        { kind: 'restart-kafka', at: 0.45 },
        { kind: 'restart-postgres', at: 0.7 },
      ],
    },
    // Paced at CI size so that the writes span the broker's outage: unpaced, 300 writes took 7 s
    // and ended as the broker stopped (2 lost, too close to 0 for a control).
    { kind: 'control-at-most-once-relay', events: control, rate: size === 'full' ? 0 : 10, faults: [{ kind: 'restart-kafka', at: 0.4 }] },
  ];
}

class Load {
  acked = 0;
  attempted = 0;
  retries = 0;
  readonly ids = new Set<string>();
  committedUnacknowledged = 0;
  lastProgress = Date.now();
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? ((l: string) => console.log(`[chaos] ${l}`));
  const t0 = Date.now();
  const stateDir = stateDirFor('chaos');
  // Fresh data every run; the Keycloak copy is kept (its import is skipped once done, and it is slow to copy and build).
  for (const d of ['postgres', 'kafka', 'logs']) await rm(join(stateDir, d), { recursive: true, force: true });
  const supervisorLines: string[] = [];
  const supervisor = new Supervisor({
    initialDelayMs: 500,
    maxDelayMs: 5_000,
    maxRestarts: 20,
    print: (line) => {
      supervisorLines.push(`${new Date().toISOString()} ${line}`);
      log(line);
    },
  });
  const stack = await startLocalStack({
    profile: 'chaos',
    services: ['directory', 'atlas', 'chaos'],
    topics: [...ALL_TOPICS],
    log: (l) => log(`stack: ${l}`),
  });
  const stackStartS = since(t0);
  const logDir = join(stateDir, 'logs');
  const pids = new Map<string, number>();
  try {
    await superviseStack(supervisor, stack.components);
    const specs = serviceSpecs(stack);
    const add = async (spec: ServiceSpec) =>
      supervisor.add({
        name: spec.name,
        logFile: join(logDir, `${spec.name}.log`),
        start: async () => {
          const run = await launchService(spec, logDir, 180_000);
          pids.set(spec.name, run.pid);
          return run;
        },
      });
    for (const spec of [specs.directory, specs.atlas, specs.effectInbox, specs.effectNoInbox]) await add(spec);

    const db = (name: string) => new Client({ connectionString: stack.postgres.urlFor(name) });
    const token = new TokenSource(stack.keycloak.issuer);
    const sites = await withClient(db('directory'), async (c) =>
      (await c.query<{ id: string }>(`SELECT id FROM site ORDER BY id LIMIT 60`)).rows.map((r) => r.id),
    );
    if (sites.length === 0) throw new Error('the directory seeded no sites');
    log(`${sites.length} seeded sites take the declarations`);

    const phases: PhaseReport[] = [];
    let slot = 0;
    for (const plan of options.phases) {
      if (plan.kind === 'control-at-most-once-relay') {
        // The directory's own relay is pointed at a closed port; the at-most-once relay takes its outbox.
        await supervisor.remove('directory');
        await add({ ...specs.directory, env: { ...specs.directory.env, KAFKA_BROKERS: `${HOST}:9` } });
        await add(specs.relay);
      }
      const phase = await runPhase(plan, {
        slot,
        sites,
        token,
        stack,
        supervisor,
        pids,
        db,
        log,
        concurrency: options.concurrency ?? 8,
        drainTimeoutMs: options.drainTimeoutMs ?? 180_000,
        consumerComponent: plan.kind === 'control-no-inbox' ? 'effect-no-inbox' : 'effect-inbox',
      });
      slot += Math.ceil(plan.events / sites.length) + 10;
      phases.push(phase);
      // Counted: the control consumer would only load the machine during the next phases.
      if (plan.kind === 'control-no-inbox') await supervisor.remove('effect-no-inbox');
    }
    return { phases, stackStartS, totalS: since(t0), loadAverage: loadavg(), cpus: cpus().length, supervisorLines };
  } finally {
    await supervisor.stop();
    await stack.stop();
  }
}

function serviceSpecs(stack: LocalStack): Record<'directory' | 'atlas' | 'effectInbox' | 'effectNoInbox' | 'relay', ServiceSpec> {
  const common = { NODE_ENV: 'test', KAFKA_BROKERS: stack.kafka.brokers.join(','), OIDC_ISSUER: stack.keycloak.issuer };
  const effect = (mode: string, group: string, port: number): ServiceSpec => ({
    name: `effect-${mode}`,
    entry: 'scripts/chaos/effect-consumer.ts',
    env: { ...common, CHAOS_EFFECT_MODE: mode, CHAOS_EFFECT_GROUP: group, CHAOS_EFFECT_PORT: String(port), CHAOS_DATABASE_URL: stack.postgres.urlFor('chaos') },
    healthUrl: `http://${HOST}:${port}/healthz`,
  });
  return {
    directory: {
      name: 'directory',
      entry: 'services/directory/src/main.ts',
      env: {
        ...common,
        DIRECTORY_PORT: String(CHAOS_PORTS.directory),
        DIRECTORY_DATABASE_URL: stack.postgres.urlFor('directory'),
        DEMO_SEED_ORGANISATIONS: '30',
      },
      healthUrl: `http://${HOST}:${CHAOS_PORTS.directory}/healthz/live`,
    },
    atlas: {
      name: 'atlas',
      entry: 'services/atlas/src/main.ts',
      env: { ...common, ATLAS_PORT: String(CHAOS_PORTS.atlas), ATLAS_DATABASE_URL: stack.postgres.urlFor('atlas') },
      healthUrl: `http://${HOST}:${CHAOS_PORTS.atlas}/healthz/live`,
    },
    effectInbox: effect('inbox', EFFECT_INBOX_GROUP, CHAOS_PORTS.effectInbox),
    effectNoInbox: effect('no-inbox', EFFECT_NO_INBOX_GROUP, CHAOS_PORTS.effectNoInbox),
    relay: {
      name: 'at-most-once-relay',
      entry: 'scripts/chaos/at-most-once-relay.ts',
      env: { ...common, CHAOS_OUTBOX_DATABASE_URL: stack.postgres.urlFor('directory'), CHAOS_RELAY_PORT: String(CHAOS_PORTS.relay) },
      healthUrl: `http://${HOST}:${CHAOS_PORTS.relay}/healthz`,
    },
  };
}

async function withClient<T>(client: Client, fn: (c: Client) => Promise<T>): Promise<T> {
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** oscar (operator) may declare capacity for any organisation; tokens live 5 min, renewed at 4. */
class TokenSource {
  private token = '';
  private fetchedAt = 0;
  constructor(private readonly issuer: string) {}
  async get(): Promise<string> {
    if (Date.now() - this.fetchedAt < 240_000) return this.token;
    const response = await fetch(`${this.issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'marketplace-tests', username: 'oscar', password: 'demo', scope: 'openid' }),
    });
    const body = (await response.json()) as { access_token?: string };
    if (!body.access_token) throw new Error(`no token for oscar: HTTP ${response.status}`);
    this.token = body.access_token;
    this.fetchedAt = Date.now();
    return this.token;
  }
}

interface PhaseContext {
  slot: number;
  sites: string[];
  token: TokenSource;
  stack: LocalStack;
  supervisor: Supervisor;
  pids: Map<string, number>;
  db: (name: string) => Client;
  log: (line: string) => void;
  concurrency: number;
  drainTimeoutMs: number;
  /** The counting consumer of this phase, the one a kill-consumer fault kills. */
  consumerComponent: string;
}

const DECLARE = `mutation Declare($input: DeclareCapacityInput!) { declareCapacity(input: $input) { id } }`;

/** One declaration, retried until the directory answers for it: with its id, or with "overlaps" if an earlier try had committed. */
async function declare(ctx: PhaseContext, load: Load, index: number): Promise<void> {
  const site = ctx.sites[index % ctx.sites.length];
  const start = WINDOW_BASE + (ctx.slot + Math.floor(index / ctx.sites.length)) * HOUR;
  const input = {
    siteId: site,
    processCode: PROCESS_CODE,
    quantity: 1 + (index % 7),
    unit: 'HOURS',
    windowStart: new Date(start).toISOString(),
    windowEnd: new Date(start + HOUR).toISOString(),
  };
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) load.retries += 1;
    try {
      const response = await fetch(`http://${HOST}:${CHAOS_PORTS.directory}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await ctx.token.get()}` },
        body: JSON.stringify({ query: DECLARE, variables: { input } }),
        signal: AbortSignal.timeout(15_000),
      });
      const body = (await response.json()) as { data?: { declareCapacity?: { id: string } }; errors?: Array<{ message: string }> };
      const id = body.data?.declareCapacity?.id;
      if (id) {
        load.ids.add(id);
        load.acked += 1;
        load.lastProgress = Date.now();
        return;
      }
      if (attempt > 1 && body.errors?.some((e) => e.message.includes('overlaps'))) {
        // An earlier attempt committed but its answer was lost (the producer was killed): counted from SQL.
        load.committedUnacknowledged += 1;
        return;
      }
    } catch {
      // connection refused or reset: the directory is down or restarting
    }
    await sleep(Math.min(2_000, 100 * attempt));
  }
}

async function runPhase(plan: PhasePlan, ctx: PhaseContext): Promise<PhaseReport> {
  const { log } = ctx;
  const consumer = plan.kind === 'control-no-inbox' ? EFFECT_NO_INBOX_GROUP : EFFECT_INBOX_GROUP;
  const windowFrom = new Date(WINDOW_BASE + ctx.slot * HOUR);
  const windowTo = new Date(WINDOW_BASE + (ctx.slot + Math.ceil(plan.events / ctx.sites.length) + 1) * HOUR);
  log(`phase ${plan.kind}: ${plan.events} declarations, faults ${plan.faults.map((f) => `${f.kind}@${Math.round(f.at * 100)}%`).join(', ') || 'none'}`);
  const load = new Load();
  const tLoad = Date.now();

  // Progress seen from SQL (effects of this phase), sampled for the recovery times.
  const effectsNow = async (): Promise<number | undefined> => {
    try {
      return await withClient(ctx.db('chaos'), async (c) =>
        Number(
          (
            await c.query(`SELECT count(*) AS n FROM chaos_effect WHERE consumer = $1 AND applied_at >= $2`, [consumer, new Date(tLoad)])
          ).rows[0].n,
        ),
      );
    } catch {
      return undefined; // Postgres is down
    }
  };

  let next = 0;
  const writers = Array.from({ length: ctx.concurrency }, async () => {
    for (let i = next++; i < plan.events; i = next++) {
      if (plan.rate > 0) {
        const due = tLoad + (i / plan.rate) * 1000;
        if (due > Date.now()) await sleep(due - Date.now());
      }
      load.attempted += 1;
      await declare(ctx, load, i);
    }
  });
  const loadDone = Promise.all(writers).then(() => Date.now());
  let loadEnded: number | undefined;
  void loadDone.then((t) => (loadEnded = t));

  const faults: FaultRecord[] = [];
  for (const fault of plan.faults) {
    while (load.acked + load.committedUnacknowledged < fault.at * plan.events && loadEnded === undefined) await sleep(100);
    faults.push(await inject(fault.kind, ctx, load, effectsNow, () => loadEnded !== undefined));
    log(`  ${fault.kind}: back up in ${faults.at(-1)!.backUpS.toFixed(1)} s, writes and effects moving again after ${faults.at(-1)!.recoveredS.toFixed(1)} s`);
  }
  const tLoadEnd = await loadDone;
  const loadS = (tLoadEnd - tLoad) / 1000;
  // The drain is timed from the later of the last write and the last recovery.
  const tEnd = Date.now();
  log(`  ${load.acked} acknowledged (+${load.committedUnacknowledged} committed without answer) in ${loadS.toFixed(1)} s, ${load.retries} retries`);

  // Drain: wait until the counts stop moving (and, for the guaranteed phase, until nothing is missing).
  let counts = await count(plan, ctx, consumer, load, windowFrom, windowTo);
  let stableSince = Date.now();
  let previous = JSON.stringify(counts);
  while (Date.now() - tEnd < ctx.drainTimeoutMs) {
    // Settled when every committed id has its effect (`lost`, not the effect total: doubles of the
    // no-inbox control would make the total reach the committed count with ids still missing).
    // An id that never reached the topic (the at-most-once control) cannot be applied: waiting for it would only
    // run out the 45 s; every id that is on the topic must have its effect.
    const settled = counts.outboxLeft === 0 && counts.lost === counts.missingOnTopic && counts.atlasLost === counts.missingOnTopic;
    // A restarted consumer may wait out its dead predecessor's session and a rebalance before it moves.
    if (settled || Date.now() - stableSince > 45_000) break;
    await sleep(1_000);
    counts = await count(plan, ctx, consumer, load, windowFrom, windowTo);
    const now = JSON.stringify(counts);
    if (now !== previous) stableSince = Date.now();
    previous = now;
  }
  const drainS = (Date.now() - tEnd) / 1000;
  // Late redeliveries would show after the drain: one more look a few seconds on.
  await sleep(3_000);
  counts = await count(plan, ctx, consumer, load, windowFrom, windowTo);
  const report: PhaseReport = {
    kind: plan.kind,
    consumer,
    attempted: load.attempted,
    acknowledged: load.acked,
    committedUnacknowledged: load.committedUnacknowledged,
    writeRetries: load.retries,
    loadS,
    drainS,
    faults,
    ...counts,
  };
  log(`  counted: ${JSON.stringify({ ...report, faults: undefined })}`);
  return report;
}

async function inject(
  kind: FaultKind,
  ctx: PhaseContext,
  load: Load,
  effectsNow: () => Promise<number | undefined>,
  loadOver: () => boolean,
): Promise<FaultRecord> {
  const name = {
    'kill-producer': 'directory',
    'kill-consumer': ctx.consumerComponent,
    'kill-atlas': 'atlas',
    'restart-kafka': 'kafka',
    'restart-postgres': 'postgres',
  }[kind];
  const t0 = Date.now();
  if (kind === 'restart-kafka' || kind === 'restart-postgres') {
    // A real stop (SIGTERM to the broker, pg_ctl stop), not a freeze; the supervisor starts it again.
    const stackComponent = ctx.stack.components.find((c) => c.name === name)!;
    await stackComponent.current().stop();
  } else {
    process.kill(ctx.pids.get(name)!, 'SIGKILL');
  }
  // Wait for the supervisor to see the exit, then for the component to be up again.
  while (ctx.supervisor.state(name) === 'up' && Date.now() - t0 < 30_000) await sleep(50);
  while (ctx.supervisor.state(name) !== 'up' && Date.now() - t0 < 300_000) await sleep(100);
  const backUpS = since(t0);
  const ackedAtUp = load.acked + load.committedUnacknowledged;
  let effectsAtUp = await effectsNow();
  let lastEffects = effectsAtUp;
  let lastMove = Date.now();
  for (;;) {
    if (Date.now() - t0 > 300_000) break;
    const effects = await effectsNow();
    if (effectsAtUp === undefined) effectsAtUp = effects;
    if (effects !== lastEffects) {
      lastEffects = effects;
      lastMove = Date.now();
    }
    // The load is over and the effects have stopped: nothing is left to move (the at-most-once
    // control's dropped events never will); waiting for them would only run out the 300 s.
    if (loadOver() && Date.now() - lastMove > 20_000) return { kind, backUpS, recoveredS: Math.max(backUpS, (lastMove - t0) / 1000) };
    const writesMoving = loadOver() || load.acked + load.committedUnacknowledged > ackedAtUp;
    const total = load.acked + load.committedUnacknowledged;
    // Effects moving again, or already caught up with every write so far (nothing left to move).
    const effectsMoving = effects !== undefined && effectsAtUp !== undefined && (effects > effectsAtUp || effects >= total);
    if (writesMoving && effectsMoving) break;
    await sleep(100);
  }
  return { kind, backUpS, recoveredS: since(t0) };
}

async function count(
  plan: PhasePlan,
  ctx: PhaseContext,
  consumer: string,
  load: Load,
  windowFrom: Date,
  windowTo: Date,
): Promise<Omit<PhaseReport, 'kind' | 'consumer' | 'attempted' | 'acknowledged' | 'committedUnacknowledged' | 'writeRetries' | 'loadS' | 'drainS' | 'faults'>> {
  void plan;
  const retry = async <T>(fn: () => Promise<T>): Promise<T> => {
    for (let i = 0; ; i++) {
      try {
        return await fn();
      } catch (error) {
        if (i > 60) throw error;
        await sleep(1_000);
      }
    }
  };
  const { committed, outboxLeft } = await retry(() =>
    withClient(ctx.db('directory'), async (c) => ({
      committed: (
        await c.query<{ id: string }>(
          `SELECT id FROM spare_capacity WHERE process_code = $1 AND window_start >= $2 AND window_start < $3`,
          [PROCESS_CODE, windowFrom, windowTo],
        )
      ).rows.map((r) => r.id),
      outboxLeft: Number((await c.query(`SELECT count(*) AS n FROM outbox_message WHERE published_at IS NULL`)).rows[0].n),
    })),
  );
  const ids = committed;
  const effectCounts = await retry(() =>
    withClient(ctx.db('chaos'), async (c) =>
      new Map(
        (
          await c.query<{ id: string; n: string }>(
            `SELECT capacity_id AS id, count(*) AS n FROM chaos_effect WHERE consumer = $1 AND capacity_id = ANY($2::uuid[]) GROUP BY 1`,
            [consumer, ids],
          )
        ).rows.map((r) => [r.id, Number(r.n)]),
      ),
    ),
  );
  const atlasRows = await retry(() =>
    withClient(ctx.db('atlas'), async (c) =>
      new Set((await c.query<{ id: string }>(`SELECT id::text AS id FROM atlas_capacity WHERE id::text = ANY($1::text[])`, [ids])).rows.map((r) => r.id)),
    ),
  );
  const topic = await retry(() => countOnTopic(ctx.stack.kafka.brokers, Topic.CapacityDeclared, new Set(ids)));
  const dlq = await retry(() => countOnTopic(ctx.stack.kafka.brokers, `${Topic.CapacityDeclared}.dlq`, new Set(ids)));
  const committedSet = new Set(committed);
  let effects = 0;
  let lost = 0;
  let lostAcknowledged = 0;
  let appliedTwice = 0;
  for (const id of committed) {
    const n = effectCounts.get(id) ?? 0;
    effects += n;
    if (n === 0) {
      lost += 1;
      if (load.ids.has(id)) lostAcknowledged += 1;
    }
    if (n > 1) appliedTwice += 1;
  }
  return {
    committed: committed.length,
    acknowledgedNotCommitted: [...load.ids].filter((id) => !committedSet.has(id)).length,
    onTopic: [...topic.values()].reduce((a, b) => a + b, 0),
    topicDuplicates: [...topic.values()].filter((n) => n > 1).length,
    missingOnTopic: committed.filter((id) => !topic.has(id)).length,
    deadLettered: dlq.size,
    effects,
    lost,
    lostAcknowledged,
    appliedTwice,
    atlasLost: committed.filter((id) => !atlasRows.has(id)).length,
    outboxLeft,
  };
}

/** How many times each of `ids` is on `topic`, read from the start to the current end of every partition. */
async function countOnTopic(brokers: string[], topic: string, ids: Set<string>): Promise<Map<string, number>> {
  const kafka = new Kafka({ clientId: 'chaos-counter', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const counts = new Map<string, number>();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const remaining = new Map(ends.filter((p) => Number(p.high) > Number(p.low)).map((p) => [p.partition, Number(p.high)]));
    if (remaining.size === 0) return counts;
    const consumer = kafka.consumer({ groupId: `chaos-counter-${process.pid}-${Date.now()}`, sessionTimeout: 10_000 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolveAll, reject) => {
        const timer = setTimeout(() => reject(new Error(`counting ${topic} timed out`)), 120_000);
        void consumer
          .run({
            autoCommit: false,
            eachBatch: async ({ batch }) => {
              for (const message of batch.messages) {
                if (!message.value) continue;
                const id = fromBinary(CapacityDeclaredSchema, message.value).capacityId;
                if (ids.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
              }
              const last = Number(batch.lastOffset()) + 1;
              if (last >= (remaining.get(batch.partition) ?? Infinity)) remaining.delete(batch.partition);
              if (remaining.size === 0) {
                clearTimeout(timer);
                resolveAll();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  return counts;
}

