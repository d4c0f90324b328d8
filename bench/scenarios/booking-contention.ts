import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { cpuSeconds } from '../lib/proc';
import { probeDelta, serviceProbe, summariseProfile } from '../lib/service-probe';
import { serviceSource, serviceSourceAt } from '../lib/service-source';
import { bareSqlBefore, bareSqlNow, type BareAttempt } from './booking-bare-sql';
import type { BenchContext, ResultTable, Scenario } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const HOT_ASSETS = 3;
/** Attempts aimed at one 48 h window of the hot assets before the window moves on (see slotFor). */
const ATTEMPTS_PER_WINDOW = 200;
const BOOKERS = ['bob', 'carla', 'dan'];
/** Bookers of the bare-SQL clients (no token there): three organisations, as with the tokens. */
const BARE_BOOKERS = ['22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333', '44444444-4444-4444-8444-444444444444'].map((organisationId, i) => ({ organisationId, userId: `bare-${i}` }));

const LIST_ASSET = `mutation($input: ListAssetInput!) { listAsset(input: $input) { id } }`;
const BOOK = `mutation($input: BookSlotInput!) { requestBooking(input: $input) { id status } }`;

interface Outcome {
  attempts: number;
  confirmed: number;
  conflicts: number;
  other: number;
  otherSample?: string;
  latenciesMs: number[];
  seconds: number;
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : Number.NaN);
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');
const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '-');

async function post(url: string, query: string, variables: Record<string, unknown>, token: string): Promise<{ data?: Record<string, any>; errors?: Array<{ message: string; extensions?: { code?: string } }> }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return { errors: [{ message: `HTTP ${res.status}: ${text.slice(0, 200)}` }] };
  }
}

/** Three fresh always-open hourly assets of alice's organisation: each measured cell starts empty. */
async function hotAssets(ctx: BenchContext, bookingUrl: string, label: string): Promise<string[]> {
  const alice = await ctx.token('alice');
  const ids: string[] = [];
  for (let n = 0; n < HOT_ASSETS; n++) {
    const r = await post(bookingUrl, LIST_ASSET, {
      input: {
        name: `Hot laser ${label} ${n}`,
        kind: 'MACHINE',
        processCode: 'LASER_CUTTING',
        priceModel: 'HOURLY',
        hourlyRateCents: 1500,
        openingHours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '00:00', closes: '24:00' })),
        minBookingMinutes: 60,
        maxBookingMinutes: 480,
        bufferMinutes: n === 0 ? 15 : 0,
      },
    }, alice);
    if (!r.data?.listAsset?.id) throw new Error(`booking-contention: listing a hot asset failed: ${JSON.stringify(r.errors)}`);
    ids.push(r.data.listAsset.id);
  }
  return ids;
}

type Answer = 'CONFIRMED' | 'CONFLICT' | { other: string };
type Send = (input: { assetId: string; startsAt: string; endsAt: string }, client: number) => Promise<Answer>;

/** One GraphQL requestBooking per attempt, with the client's token. */
function graphqlSend(url: string, tokens: string[]): Send {
  return async (input, c) => {
    const r = await post(url, BOOK, { input }, tokens[c % tokens.length]).catch((e: Error) => ({ errors: [{ message: e.message, extensions: {} }] }) as Awaited<ReturnType<typeof post>>);
    if (r.data?.requestBooking?.status === 'CONFIRMED') return 'CONFIRMED';
    if (r.errors?.[0]?.extensions?.code === 'CONFLICT') return 'CONFLICT';
    return { other: JSON.stringify(r.errors ?? r).slice(0, 300) };
  };
}

/** The same attempt's statements straight through pg (bench/scenarios/booking-bare-sql.ts). */
function bareSend(pool: Pool, attempt: BareAttempt): Send {
  return (input, c) => attempt(pool, input, BARE_BOOKERS[c % BARE_BOOKERS.length]).catch((e: Error) => ({ other: e.message }));
}

/**
 * `clients` closed-loop clients share one attempt counter for `durationS`. Attempt i aims at a
 * 48 h window that moves on every ATTEMPTS_PER_WINDOW attempts: 1-3 h slots on the hour on 3
 * assets, so most attempts collide (as in the contention test) and confirmations never dry up.
 */
async function hammer(send: Send, assets: string[], clients: number, durationS: number, origin: number): Promise<Outcome> {
  const out: Outcome = { attempts: 0, confirmed: 0, conflicts: 0, other: 0, latenciesMs: [], seconds: 0 };
  let next = 0;
  const started = performance.now();
  const stopAt = started + durationS * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (performance.now() < stopAt) {
        const i = next++;
        const seed = (i * 2654435761) >>> 0;
        const start = origin + Math.floor(i / ATTEMPTS_PER_WINDOW) * 2 * DAY + (seed % 48) * HOUR;
        const input = { assetId: assets[(seed >>> 8) % assets.length], startsAt: new Date(start).toISOString(), endsAt: new Date(start + (1 + ((seed >>> 16) % 3)) * HOUR).toISOString() };
        const t0 = performance.now();
        const r = await send(input, c);
        out.latenciesMs.push(performance.now() - t0);
        out.attempts++;
        if (r === 'CONFIRMED') out.confirmed++;
        else if (r === 'CONFLICT') out.conflicts++;
        else {
          out.other++;
          out.otherSample ??= r.other;
        }
      }
    }),
  );
  out.seconds = (performance.now() - started) / 1000;
  return out;
}

interface Target {
  name: string;
  send: (tokens: string[]) => Send;
  /** The booking process serving it, whose CPU and statements are counted. */
  service?: { pid: number; probe: ReturnType<typeof serviceProbe> };
  gateway?: boolean;
  /** Name of the target this one is compared with (ratio column). */
  versus?: string;
}

/**
 * Booking under contention (issues 4 and 16): 50 clients (BENCH_BOOKING_CLIENTS) requesting 1-3 h
 * slots of 3 hot assets, (1) straight through pg with the statements the service sends (the floor),
 * (2) at the booking subgraph with real tokens, (3) through the gateway; BENCH_BOOKING_BEFORE=<commit>
 * adds that commit's booking service and its statements, measured in the same run. Reports
 * attempts/s and its ratio to the floor (subgraph) or to the subgraph (gateway), p50/p99 of every
 * attempt (a conflict is an answer too), CPU and SQL statements per attempt of the booking process,
 * the load average; BENCH_CPU_PROFILE=1 adds the booking process's CPU profile per cell. Then counts
 * overlapping confirmed pairs in booking's database with SQL: the run fails unless there are none.
 */
export const bookingContention: Scenario = {
  name: 'booking-contention',
  description: 'booking requests from 50 clients on 3 hot assets: bare-SQL floor, subgraph, gateway; throughput ratios, p50/p99, CPU and statements per attempt, overlaps counted with SQL',
  async run(ctx) {
    const { ports } = ctx.config;
    const clients = Number(process.env.BENCH_BOOKING_CLIENTS ?? 50);
    const poolSize = 20;
    const bookingDb = ctx.stack.postgres.urlFor('booking');
    const admin = new Client({ connectionString: ctx.stack.postgres.urlFor('postgres') });
    await admin.connect();
    // A fresh database each run: the figures and the overlap count cover this run only.
    await admin.query('DROP DATABASE IF EXISTS booking WITH (FORCE)');
    await admin.query('CREATE DATABASE booking');
    await admin.end();

    const stateDir = ctx.config.stack.STACK_TEST_STATE_DIR;
    const profileRoot = process.env.BENCH_CPU_PROFILE === '1' ? join(stateDir, 'cpu-profiles', new Date().toISOString().replace(/[:.]/g, '-')) : undefined;
    const launchBooking = async (name: string, source: ReturnType<typeof serviceSource>, port: number) => {
      const probe = serviceProbe(name, stateDir, profileRoot && join(profileRoot, name));
      ctx.log(`booking-contention: launching ${name} (${source.source}) on ${port}`);
      const s = await ctx.launch({
        name,
        entry: source.entry,
        env: {
          NODE_ENV: 'production',
          BOOKING_PORT: String(port),
          BOOKING_DATABASE_URL: bookingDb,
          BOOKING_DB_POOL_SIZE: String(poolSize),
          KAFKA_BROKERS: ctx.stack.kafka.brokers.join(','),
          OIDC_ISSUER: ctx.stack.keycloak.issuer,
          ...probe.env,
        },
        healthUrl: `http://127.0.0.1:${port}/healthz`,
      });
      return { pid: s.pid, probe, source: source.source };
    };
    const booking = await launchBooking('booking', serviceSource('booking', ctx.log), ports.booking);
    const bookingUrl = `http://127.0.0.1:${ports.booking}/graphql`;
    ctx.log(`booking-contention: launching the gateway on ${ports.bookingGateway}`);
    const gateway = await ctx.launch({
      name: 'gateway-booking',
      entry: 'services/gateway/src/main.ts',
      env: {
        NODE_ENV: 'production',
        OIDC_ISSUER: ctx.stack.keycloak.issuer,
        DIRECTORY_URL: ctx.directory.url,
        BOOKING_URL: bookingUrl,
        GATEWAY_PORT: String(ports.bookingGateway),
      },
      healthUrl: `http://127.0.0.1:${ports.bookingGateway}/healthz/live`,
    });
    const pool = new Pool({ connectionString: bookingDb, max: poolSize, application_name: 'bench-bare-sql' });
    const targets: Target[] = [
      { name: 'bare SQL (pg, the statements of the service below)', send: () => bareSend(pool, bareSqlNow) },
      { name: `booking subgraph (${booking.source})`, send: (t) => graphqlSend(bookingUrl, t), service: booking, versus: 'bare SQL (pg, the statements of the service below)' },
      { name: 'gateway -> booking subgraph', send: (t) => graphqlSend(`http://127.0.0.1:${ports.bookingGateway}/graphql`, t), service: booking, gateway: true, versus: `booking subgraph (${booking.source})` },
    ];
    const before = process.env.BENCH_BOOKING_BEFORE;
    if (before) {
      const port = Number(process.env.BENCH_BOOKING_BEFORE_PORT ?? ports.booking + 10);
      const old = await launchBooking('booking-before', serviceSourceAt('booking', before, ctx.log), port);
      targets.push(
        { name: 'bare SQL (pg, the statements of 47a28e6)', send: () => bareSend(pool, bareSqlBefore) },
        { name: `booking subgraph (${old.source})`, send: (t) => graphqlSend(`http://127.0.0.1:${port}/graphql`, t), service: old, versus: 'bare SQL (pg, the statements of 47a28e6)' },
      );
    }

    const rows: ResultTable['rows'] = [];
    const profileTables: ResultTable[] = [];
    const failures: string[] = [];
    const rateOf = new Map<string, number>();
    let cell = 0;
    try {
      for (let run = 1; run <= ctx.config.runs; run++) {
        for (const target of targets) {
          cell++;
          const tokens = await Promise.all(BOOKERS.map((u) => ctx.token(u)));
          const send = target.send(tokens);
          // Each cell books its own assets, far apart in time, so cells never compete with each other.
          const origin = Math.ceil((Date.now() + DAY) / HOUR) * HOUR + cell * 400 * DAY;
          if (ctx.config.warmupS > 0) await hammer(send, await hotAssets(ctx, bookingUrl, `warm-${cell}`), clients, ctx.config.warmupS, origin - 200 * DAY);
          const assets = await hotAssets(ctx, bookingUrl, `run-${cell}`);
          const load0 = loadavg()[0];
          const probe0 = target.service ? await target.service.probe.read() : undefined;
          const cpu0 = { booking: target.service ? cpuSeconds(target.service.pid) : 0, gateway: cpuSeconds(gateway.pid), postgres: postgresCpuSeconds(stateDir) };
          const r = await hammer(send, assets, clients, ctx.config.durationS, origin);
          const cpu = {
            booking: target.service ? cpuSeconds(target.service.pid) - cpu0.booking : Number.NaN,
            gateway: cpuSeconds(gateway.pid) - cpu0.gateway,
            postgres: postgresCpuSeconds(stateDir) - cpu0.postgres,
          };
          const probe = target.service && probe0 ? probeDelta(await target.service.probe.read(), probe0) : undefined;
          const load1 = loadavg()[0];
          const sorted = [...r.latenciesMs].sort((a, b) => a - b);
          const rate = r.attempts / r.seconds;
          rateOf.set(`${run}:${target.name}`, rate);
          const versus = target.versus ? rateOf.get(`${run}:${target.versus}`) : undefined;
          ctx.log(`booking-contention run ${run} ${target.name}: ${r.attempts} attempts, ${r.confirmed} confirmed, ${r.conflicts} conflicts, ${r.other} other in ${r.seconds.toFixed(1)} s`);
          if (r.other > 0) failures.push(`${target.name} run ${run}: ${r.other} answers neither CONFIRMED nor CONFLICT, e.g. ${r.otherSample}`);
          rows.push([
            run,
            target.name,
            r.attempts,
            r.confirmed,
            r.conflicts,
            r.other,
            f0(rate),
            versus ? `${f0((100 * rate) / versus)} %` : '-',
            f1(pct(sorted, 50)),
            f1(pct(sorted, 99)),
            f1((cpu.booking * 1000) / r.attempts),
            target.gateway ? f1((cpu.gateway * 1000) / r.attempts) : '-',
            f1((cpu.postgres * 1000) / r.attempts),
            probe ? `${(probe.statements / r.attempts).toFixed(2)} (${Object.entries(probe.byKind).map(([k, v]) => `${k} ${(v / r.attempts).toFixed(2)}`).join(', ')})` : target.name.startsWith('bare SQL') ? 'by construction (see the file)' : '-',
            `${load0.toFixed(1)} -> ${load1.toFixed(1)}`,
          ]);
          if (profileRoot && target.service && probe) {
            const name = target.service === booking ? 'booking' : 'booking-before';
            const file = join(profileRoot, name, `${probe.profiles - 1}.cpuprofile`);
            const summary = summariseProfile(file);
            const perAttempt = (ms: number) => (ms / r.attempts).toFixed(3);
            profileTables.push({
              title: `CPU profile of the booking process, run ${run}, ${target.name}: ${summary.totalMs.toFixed(0)} ms sampled (${perAttempt(summary.totalMs)} ms per attempt)`,
              columns: ['self time by package', 'ms', 'ms/attempt', 'self time by function', 'ms', 'ms/attempt'],
              rows: summary.packages.map((p, i) => [p[0], p[1].toFixed(0), perAttempt(p[1]), summary.functions[i]?.[0] ?? '', summary.functions[i]?.[1].toFixed(0) ?? '', summary.functions[i] ? perAttempt(summary.functions[i][1]) : '']),
              notes: [`${file}`],
            });
          }
        }
      }
    } finally {
      await pool.end();
    }

    const db = new Client({ connectionString: bookingDb });
    await db.connect();
    const [{ overlaps }] = (
      await db.query<{ overlaps: number }>(
        `SELECT count(*)::int AS overlaps FROM booking a JOIN booking b
            ON a.asset_id = b.asset_id AND a.id < b.id AND a.slot && b.slot
          WHERE a.status = 'CONFIRMED' AND b.status = 'CONFIRMED'`,
      )
    ).rows;
    const [{ confirmed }] = (await db.query<{ confirmed: number }>(`SELECT count(*)::int AS confirmed FROM booking WHERE status = 'CONFIRMED'`)).rows;
    await db.end();
    ctx.log(`booking-contention: ${confirmed} confirmed bookings in the database, ${overlaps} overlapping confirmed pairs (SQL)`);
    if (overlaps !== 0) failures.push(`${overlaps} overlapping confirmed pairs`);
    if (failures.length) throw new Error(`booking-contention failed: ${failures.join('; ')}`);

    return [
      {
        title: `booking under contention: ${clients} clients, ${HOT_ASSETS} hot assets, 1-3 h slots, pool of ${poolSize} (${ctx.config.durationS} s per cell)`,
        columns: ['run', 'target', 'attempts', 'confirmed', 'conflicts', 'other', 'attempts/s', 'vs floor / subgraph', 'p50 ms', 'p99 ms', 'booking CPU ms/attempt', 'gateway CPU ms/attempt', 'postgres CPU ms/attempt', 'SQL statements/attempt (booking process)', 'load avg 1 min'],
        rows,
        notes: [
          `Overlapping confirmed pairs afterwards, counted with SQL over every cell: ${overlaps} (of ${confirmed} confirmed bookings).`,
          '"vs floor / subgraph": a subgraph\'s attempts/s as a share of the bare-SQL row it names in the same run; the gateway\'s as a share of the subgraph\'s.',
          'Latency is that of every attempt, conflicts included (a refusal naming the taken slot is an answer). The load generator runs on the same machine.',
          'Statements are counted in the booking process (bench/preload/service-probe.js), over the cell: its relay and consumers poll too, so a few are not the requests\'.',
        ],
      },
      ...profileTables,
    ];
  },
};

/**
 * CPU seconds of the bench stack's Postgres: its postmaster (pid in postmaster.pid of the bench's
 * data dir) and every process it forked (the backends, including the ones that ended in the cell
 * are missed, which the pools here never do). The shared test stack's Postgres is not counted.
 */
function postgresCpuSeconds(stateDir: string): number {
  let postmaster: number;
  try {
    postmaster = Number(readFileSync(join(stateDir, 'postgres', 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return Number.NaN;
  }
  let total = cpuSeconds(postmaster);
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) total += cpuSeconds(Number(pid));
    } catch {
      // gone
    }
  }
  return total;
}
