import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { checkQuery, measure } from '../lib/load';
import { cpuSeconds } from '../lib/proc';
import { probeDelta, serviceProbe, summariseProfile } from '../lib/service-probe';
import { serviceSource } from '../lib/service-source';
import type { ResultTable, Scenario } from './types';

const DAY = 86_400_000;
const PROCESS = 'CNC_MILLING';
/** A database of its own: the scenario drops and refills it, so it must never be another run's `booking`. */
const DATABASE = 'booking_free_slots';
const FREE = `query($input: FreeSlotsInput!) { freeSlots(input: $input) { asset { id } startsAt endsAt distanceKm } }`;

/**
 * freeSlots over a territory (issue 16): BENCH_FREE_SLOTS_ASSETS assets (1 000) of one process,
 * open on weekdays, each with a confirmed booking a day over the window, asked for a 30-day window
 * at the booking subgraph, with and without a radius around Grenoble. Beside latency it reports the
 * load average, the booking process's CPU ms and SQL statements per request (bench/preload's probe),
 * and with BENCH_CPU_PROFILE=1 where that CPU time goes (self time by function, one profile per cell).
 */
export const freeSlots: Scenario = {
  name: 'free-slots',
  description: 'freeSlots for one process across 1 000 assets and a 30-day window, at the booking subgraph: p50/p99 at 1 and 4 connections',
  async run(ctx) {
    const { ports } = ctx.config;
    const count = Number(process.env.BENCH_FREE_SLOTS_ASSETS ?? 1000);
    const admin = new Client({ connectionString: ctx.stack.postgres.urlFor('postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    await admin.end();
    const bookingDb = ctx.stack.postgres.urlFor(DATABASE);
    const stateDir = ctx.config.stack.STACK_TEST_STATE_DIR;
    const profileRoot = process.env.BENCH_CPU_PROFILE === '1' ? join(stateDir, 'cpu-profiles', `free-slots-${new Date().toISOString().replace(/[:.]/g, '-')}`) : undefined;
    const probe = serviceProbe('booking-free-slots', stateDir, profileRoot);
    const { entry, source } = serviceSource('booking', ctx.log);
    ctx.log(`free-slots: launching the booking subgraph (${source}) on ${ports.booking}`);
    const service = await ctx.launch({
      name: 'booking-free-slots',
      entry,
      env: {
        NODE_ENV: 'production',
        BOOKING_PORT: String(ports.booking),
        BOOKING_DATABASE_URL: bookingDb,
        KAFKA_BROKERS: ctx.stack.kafka.brokers.join(','),
        OIDC_ISSUER: ctx.stack.keycloak.issuer,
        ...probe.env,
      },
      healthUrl: `http://127.0.0.1:${ports.booking}/healthz`,
    });
    // The service has migrated its database by the time it is healthy: fill it directly.
    const db = new Client({ connectionString: bookingDb });
    await db.connect();
    const from = new Date(Math.ceil(Date.now() / DAY) * DAY + DAY);
    const to = new Date(from.getTime() + 30 * DAY);
    const hours = JSON.stringify([1, 2, 3, 4, 5].map((day) => ({ day, opens: '08:00', closes: '18:00' })));
    for (let n = 0; n < count; n++) {
      const id = randomUUID();
      const org = randomUUID();
      // Spread over Auvergne-Rhône-Alpes, about 44.1-46.5 N, 2.9-7.2 E.
      const lat = 44.1 + ((n * 37) % 240) / 100;
      const lon = 2.9 + ((n * 53) % 430) / 100;
      await db.query(
        `INSERT INTO asset (id, organisation_id, name, kind, process_code, opening_hours, min_booking_minutes, max_booking_minutes, buffer_minutes, price_model, hourly_rate_cents, latitude, longitude)
         VALUES ($1, $2, $3, 'MACHINE', $4, $5, 60, 240, 15, 'HOURLY', 4500, $6, $7)`,
        [id, org, `Centre ${n}`, PROCESS, hours, lat, lon],
      );
      const values: string[] = [];
      const params: unknown[] = [id, org];
      for (let d = 0; d < 30; d++) {
        const s = new Date(from.getTime() + d * DAY + 9 * 3_600_000).toISOString();
        const e = new Date(from.getTime() + d * DAY + 11 * 3_600_000).toISOString();
        params.push(randomUUID(), s, e);
        const k = params.length;
        values.push(`($${k - 2}, $1, $2, $2, 'bench', 'CONFIRMED', $${k - 1}, $${k}, tstzrange($${k - 1}, $${k}))`);
      }
      await db.query(`INSERT INTO booking (id, asset_id, asset_organisation_id, booker_organisation_id, booker_user_id, status, starts_at, ends_at, slot) VALUES ${values.join(', ')}`, params);
    }
    await db.query('ANALYZE');
    await db.end();
    ctx.log(`free-slots: ${count} assets with 30 bookings each`);

    const url = `http://127.0.0.1:${ports.booking}/graphql`;
    const cases = [
      { label: 'whole territory', input: { processCode: PROCESS, from: from.toISOString(), to: to.toISOString(), minMinutes: 60 } },
      { label: 'within 30 km of Grenoble', input: { processCode: PROCESS, from: from.toISOString(), to: to.toISOString(), minMinutes: 60, near: { latitude: 45.19, longitude: 5.72, radiusKm: 30 } } },
    ];
    const rows: Array<Array<string | number>> = [];
    const profiles: ResultTable[] = [];
    const f1 = (n: number) => n.toFixed(1);
    for (const c of cases) {
      const body = JSON.stringify({ query: FREE, variables: { input: c.input } });
      const answer = (await checkQuery(url, body)) as { freeSlots: unknown[] };
      for (const connections of [1, 4]) {
        await measure({ url, body, connections, durationS: ctx.config.warmupS, warmupS: 0 });
        const load0 = loadavg()[0];
        const cpu0 = cpuSeconds(service.pid);
        const probe0 = await probe.read();
        const r = await measure({ url, body, connections, durationS: ctx.config.durationS, warmupS: 0 });
        const cpuMs = (cpuSeconds(service.pid) - cpu0) * 1000;
        const sql = probeDelta(await probe.read(), probe0);
        const load = `${load0.toFixed(1)}-${loadavg()[0].toFixed(1)}`;
        const done = Math.max(1, r.total);
        rows.push([c.label, answer.freeSlots.length, connections, r.rps.toFixed(0), f1(r.p50Ms), f1(r.p99Ms), f1(cpuMs / done), f1(sql.statements / done), load, r.errors + r.non2xx]);
        ctx.log(`free-slots ${c.label} x${connections}: p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, ${f1(cpuMs / done)} CPU ms/request, load ${load}`);
        if (profileRoot) {
          const summary = summariseProfile(join(profileRoot, `${sql.profiles - 1}.cpuprofile`));
          profiles.push({
            title: `CPU profile of the booking process, ${c.label} x${connections} (${f1(summary.totalMs)} ms sampled)`,
            columns: ['function (self time)', 'ms'],
            rows: summary.functions.map(([f, ms]) => [f, f1(ms)]),
            notes: [`by package: ${summary.packages.map(([p, ms]) => `${p} ${f1(ms)}`).join(', ')}`],
          });
        }
      }
    }
    const table: ResultTable = {
      title: `freeSlots, ${count} assets, 30-day window, booking subgraph`,
      columns: ['query', 'slots', 'connections', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/req', 'SQL/req', 'load avg', 'errors'],
      rows,
      notes: [
        'CPU ms/req: user + system time of the booking process over the measured seconds, divided by the requests answered (less sensitive to the machine\'s load than latency). SQL/req: statements its pg clients sent, per request.',
        'services/booking/test/free-slots.integration-spec.ts counts the statements at 50 and 500 assets; the answer is capped at 200 slots.',
      ],
    };
    return [table, ...profiles];
  },
};
