import { Client } from 'pg';
import { cpuSeconds } from '../lib/proc';
import { serviceSource } from '../lib/service-source';
import type { BenchContext, ResultTable, Scenario } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const HOT_ASSETS = 3;
/** Attempts aimed at one 48 h window of the hot assets before the window moves on (see slotFor). */
const ATTEMPTS_PER_WINDOW = 200;
const BOOKERS = ['bob', 'carla', 'dan'];

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

/**
 * `clients` closed-loop clients share one attempt counter for `durationS`. Attempt i aims at a
 * 48 h window that moves on every ATTEMPTS_PER_WINDOW attempts: 1-3 h slots on the hour on 3
 * assets, so most attempts collide (as in the contention test) and confirmations never dry up.
 */
async function hammer(url: string, assets: string[], tokens: string[], clients: number, durationS: number, origin: number): Promise<Outcome> {
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
        const r = await post(url, BOOK, { input }, tokens[c % tokens.length]).catch((e: Error) => ({ errors: [{ message: e.message, extensions: {} }] }) as Awaited<ReturnType<typeof post>>);
        out.latenciesMs.push(performance.now() - t0);
        out.attempts++;
        if (r.data?.requestBooking?.status === 'CONFIRMED') out.confirmed++;
        else if (r.errors?.[0]?.extensions?.code === 'CONFLICT') out.conflicts++;
        else {
          out.other++;
          out.otherSample ??= JSON.stringify(r.errors ?? r).slice(0, 300);
        }
      }
    }),
  );
  out.seconds = (performance.now() - started) / 1000;
  return out;
}

/**
 * Booking under contention (issue 4): 50 clients (BENCH_BOOKING_CLIENTS) requesting 1-3 h slots
 * of 3 hot assets with real tokens, at the booking subgraph directly and through the gateway.
 * Reports attempts/s, confirmed/s and p50/p99 latency of every attempt (a conflict is an answer
 * too), then counts overlapping confirmed pairs in booking's database with SQL: the run fails
 * unless there are none.
 */
export const bookingContention: Scenario = {
  name: 'booking-contention',
  description: 'booking requests from 50 clients on 3 hot assets: throughput, p50/p99, overlaps counted with SQL; subgraph and gateway',
  async run(ctx) {
    const { ports } = ctx.config;
    const clients = Number(process.env.BENCH_BOOKING_CLIENTS ?? 50);
    const bookingDb = ctx.stack.postgres.urlFor('booking');
    const admin = new Client({ connectionString: ctx.stack.postgres.urlFor('postgres') });
    await admin.connect();
    // A fresh database each run: the figures and the overlap count cover this run only.
    await admin.query('DROP DATABASE IF EXISTS booking WITH (FORCE)');
    await admin.query('CREATE DATABASE booking');
    await admin.end();

    const { entry, source } = serviceSource('booking', ctx.log);
    ctx.log(`booking-contention: launching the booking subgraph (${source}) on ${ports.booking}`);
    const booking = await ctx.launch({
      name: 'booking',
      entry,
      env: {
        NODE_ENV: 'production',
        BOOKING_PORT: String(ports.booking),
        BOOKING_DATABASE_URL: bookingDb,
        BOOKING_DB_POOL_SIZE: '20',
        KAFKA_BROKERS: ctx.stack.kafka.brokers.join(','),
        OIDC_ISSUER: ctx.stack.keycloak.issuer,
      },
      healthUrl: `http://127.0.0.1:${ports.booking}/healthz`,
    });
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
    const targets = [
      { name: 'booking subgraph', url: bookingUrl },
      { name: 'gateway', url: `http://127.0.0.1:${ports.bookingGateway}/graphql` },
    ];

    const rows: ResultTable['rows'] = [];
    const failures: string[] = [];
    let cell = 0;
    for (let run = 1; run <= ctx.config.runs; run++) {
      for (const target of targets) {
        cell++;
        const tokens = await Promise.all(BOOKERS.map((u) => ctx.token(u)));
        // Each cell books its own assets, far apart in time, so cells never compete with each other.
        const origin = Math.ceil((Date.now() + DAY) / HOUR) * HOUR + cell * 400 * DAY;
        if (ctx.config.warmupS > 0) await hammer(target.url, await hotAssets(ctx, bookingUrl, `warm-${cell}`), tokens, clients, ctx.config.warmupS, origin - 200 * DAY);
        const assets = await hotAssets(ctx, bookingUrl, `run-${cell}`);
        const cpu0 = { booking: cpuSeconds(booking.pid), gateway: cpuSeconds(gateway.pid) };
        const r = await hammer(target.url, assets, tokens, clients, ctx.config.durationS, origin);
        const cpu = { booking: cpuSeconds(booking.pid) - cpu0.booking, gateway: cpuSeconds(gateway.pid) - cpu0.gateway };
        const sorted = [...r.latenciesMs].sort((a, b) => a - b);
        ctx.log(`booking-contention run ${run} ${target.name}: ${r.attempts} attempts, ${r.confirmed} confirmed, ${r.conflicts} conflicts, ${r.other} other in ${r.seconds.toFixed(1)} s`);
        if (r.other > 0) failures.push(`${target.name} run ${run}: ${r.other} answers neither CONFIRMED nor CONFLICT, e.g. ${r.otherSample}`);
        rows.push([
          run,
          target.name,
          r.attempts,
          r.confirmed,
          r.conflicts,
          r.other,
          f0(r.attempts / r.seconds),
          f0(r.confirmed / r.seconds),
          f1(pct(sorted, 50)),
          f1(pct(sorted, 99)),
          f1((cpu.booking * 1000) / r.attempts),
          target.name === 'gateway' ? f1((cpu.gateway * 1000) / r.attempts) : '-',
        ]);
      }
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
        title: `booking under contention: ${clients} clients, ${HOT_ASSETS} hot assets, 1-3 h slots (${ctx.config.durationS} s per cell)`,
        columns: ['run', 'target', 'attempts', 'confirmed', 'conflicts', 'other', 'attempts/s', 'confirmed/s', 'p50 ms', 'p99 ms', 'booking CPU ms/attempt', 'gateway CPU ms/attempt'],
        rows,
        notes: [
          `Overlapping confirmed pairs afterwards, counted with SQL over every cell: ${overlaps} (of ${confirmed} confirmed bookings).`,
          'Latency is that of every attempt, conflicts included (a refusal naming the taken slot is an answer). The load generator runs on the same machine.',
        ],
      },
    ];
  },
};
