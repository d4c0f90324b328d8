import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { measure } from '../lib/load';
import { serviceSource } from '../lib/service-source';
import type { ResultTable, Scenario } from './types';

const DAY = 86_400_000;
const PROCESS = 'CNC_MILLING';
const FREE = `query($input: FreeSlotsInput!) { freeSlots(input: $input) { asset { id } startsAt endsAt distanceKm } }`;

/**
 * freeSlots over a territory (issue 16): BENCH_FREE_SLOTS_ASSETS assets (1 000) of one process,
 * open on weekdays, each with a confirmed booking a day over the window, asked for a 30-day window
 * at the booking subgraph, with and without a radius around Grenoble.
 */
export const freeSlots: Scenario = {
  name: 'free-slots',
  description: 'freeSlots for one process across 1 000 assets and a 30-day window, at the booking subgraph: p50/p99 at 1 and 4 connections',
  async run(ctx) {
    const { ports } = ctx.config;
    const count = Number(process.env.BENCH_FREE_SLOTS_ASSETS ?? 1000);
    const admin = new Client({ connectionString: ctx.stack.postgres.urlFor('postgres') });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS booking WITH (FORCE)');
    await admin.query('CREATE DATABASE booking');
    await admin.end();
    const bookingDb = ctx.stack.postgres.urlFor('booking');
    const { entry, source } = serviceSource('booking', ctx.log);
    ctx.log(`free-slots: launching the booking subgraph (${source}) on ${ports.booking}`);
    await ctx.launch({
      name: 'booking-free-slots',
      entry,
      env: {
        NODE_ENV: 'production',
        BOOKING_PORT: String(ports.booking),
        BOOKING_DATABASE_URL: bookingDb,
        KAFKA_BROKERS: ctx.stack.kafka.brokers.join(','),
        OIDC_ISSUER: ctx.stack.keycloak.issuer,
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
    for (const c of cases) {
      for (const connections of [1, 4]) {
        const r = await measure({ url, body: JSON.stringify({ query: FREE, variables: { input: c.input } }), connections, durationS: ctx.config.durationS, warmupS: ctx.config.warmupS });
        rows.push([c.label, connections, r.rps.toFixed(0), r.p50Ms.toFixed(1), r.p99Ms.toFixed(1), r.errors + r.non2xx]);
        ctx.log(`free-slots ${c.label} x${connections}: p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms`);
      }
    }
    const table: ResultTable = {
      title: `freeSlots, ${count} assets, 30-day window, booking subgraph`,
      columns: ['query', 'connections', 'req/s', 'p50 ms', 'p99 ms', 'errors'],
      rows,
      notes: ['Three SQL statements per query whatever the number of assets (services/booking/test/free-slots.integration-spec.ts counts them); the rest is computed in memory and the answer is capped at 200 slots.'],
    };
    return [table];
  },
};
