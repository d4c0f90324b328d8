import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RequestContext } from '@rim/service-kit';
import { createScratchDatabase, memberPrincipal, required } from '@rim/testing';
import { AppModule } from '../src/app.module';
import { loadBookingConfig } from '../src/booking.config';
import { BookingsService } from '../src/bookings/bookings.service';

// Issue 4: "two confirmed bookings of one asset never overlap, under any concurrency".
const CLIENTS = 50;
const ATTEMPTS = 10_000;
const HOT_ASSETS = 3;
const HOUR = 3_600_000;
const OWNER = '11111111-1111-4111-8111-111111111111';
const BOOKERS = ['22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333', '44444444-4444-4444-8444-444444444444'];

/** 50 clients share one queue of attempts: each takes the next until none is left. */
async function runClients(attempt: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let i = next++; i < ATTEMPTS; i = next++) await attempt(i);
    }),
  );
  return Date.now() - started;
}

describe('booking contention: 50 clients, 10 000 attempts, 3 hot assets, real Postgres', () => {
  let app: INestApplication;
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  const assets: string[] = [];
  // A grid of 2-day windows starting tomorrow: 1 to 3 h bookings on the hour, so most attempts collide.
  const origin = Math.ceil((Date.now() + 24 * HOUR) / HOUR) * HOUR;
  const slotFor = (i: number) => {
    const seed = (i * 2654435761) >>> 0;
    const start = origin + (seed % 48) * HOUR;
    return { asset: assets[(seed >>> 8) % HOT_ASSETS], start, end: start + (1 + ((seed >>> 16) % 3)) * HOUR };
  };

  beforeAll(async () => {
    const db = await createScratchDatabase('booking_contention');
    drop = db.drop;
    const config = loadBookingConfig({
      NODE_ENV: 'test',
      BOOKING_DATABASE_URL: db.url,
      BOOKING_DB_POOL_SIZE: '20',
      KAFKA_BROKERS: required('KAFKA_BROKERS'),
      OIDC_ISSUER: required('OIDC_ISSUER'),
    });
    app = await NestFactory.create(AppModule.forRoot(config), { logger: ['error'] });
    await app.init();
    dataSource = app.get(DataSource);
    for (let n = 0; n < HOT_ASSETS; n++) {
      const id = randomUUID();
      assets.push(id);
      await dataSource.query(
        `INSERT INTO asset (id, organisation_id, name, kind, process_code, opening_hours, min_booking_minutes, max_booking_minutes,
                            buffer_minutes, price_model, hourly_rate_cents)
         VALUES ($1, $2, $3, 'MACHINE', 'LASER_CUTTING', $4, 30, 480, $5, 'HOURLY', 1500)`,
        [id, OWNER, `Hot laser ${n}`, JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '00:00', closes: '24:00' }))), n === 0 ? 15 : 0],
      );
    }
    await dataSource.query(`CREATE TABLE booking_naive (id uuid PRIMARY KEY, asset_id uuid NOT NULL, slot tstzrange NOT NULL)`);
  });

  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('never confirms two overlapping bookings through the service, while the naive read-then-write does', async () => {
    const bookings = app.get(BookingsService);
    const outcome = { confirmed: 0, conflict: 0, other: 0 };
    const otherErrors = new Set<string>();
    const serviceMs = await runClients(async (i) => {
      const { asset, start, end } = slotFor(i);
      const ctx: RequestContext = { principal: memberPrincipal(BOOKERS[i % BOOKERS.length], i % 7), correlationId: `contention-${i}` };
      try {
        await bookings.request(ctx, { assetId: asset, startsAt: new Date(start), endsAt: new Date(end) });
        outcome.confirmed++;
      } catch (e) {
        const code = (e as { extensions?: { code?: string } }).extensions?.code;
        if (code === 'CONFLICT') outcome.conflict++;
        else {
          outcome.other++;
          otherErrors.add(String((e as Error).message));
        }
      }
    });
    const [service] = await dataSource.query(
      `SELECT count(*)::int AS overlaps FROM booking a JOIN booking b
          ON a.asset_id = b.asset_id AND a.id < b.id AND a.slot && b.slot
        WHERE a.status = 'CONFIRMED' AND b.status = 'CONFIRMED'`,
    );
    const [{ rows: confirmedRows }] = await dataSource.query(`SELECT count(*)::int AS rows FROM booking WHERE status = 'CONFIRMED'`);

    // Negative control: the same load, checking for overlap with a SELECT and then inserting,
    // into a twin table without the exclusion constraint.
    let naiveInserted = 0;
    const naiveMs = await runClients(async (i) => {
      const { asset, start, end } = slotFor(i);
      const range = `[${new Date(start).toISOString()},${new Date(end).toISOString()})`;
      await dataSource.transaction(async (tx) => {
        const clash = await tx.query(`SELECT 1 FROM booking_naive WHERE asset_id = $1 AND slot && $2::tstzrange LIMIT 1`, [asset, range]);
        // The same rule lookups the service makes between deciding and writing.
        await tx.query(`SELECT * FROM asset WHERE id = $1`, [asset]);
        await tx.query(`SELECT reason FROM blackout WHERE asset_id = $1 AND period && $2::tstzrange`, [asset, range]);
        // Stands for the time a real request spends between deciding and writing (rule checks,
        // price, quota); without it the race window is so narrow that a quiet machine can hide it.
        await tx.query(`SELECT pg_sleep(0.005)`);
        if (clash.length === 0) {
          await tx.query(`INSERT INTO booking_naive (id, asset_id, slot) VALUES ($1, $2, $3::tstzrange)`, [randomUUID(), asset, range]);
          naiveInserted++;
        }
      });
    });
    const [naive] = await dataSource.query(
      `SELECT count(*)::int AS overlaps FROM booking_naive a JOIN booking_naive b
          ON a.asset_id = b.asset_id AND a.id < b.id AND a.slot && b.slot`,
    );

    process.stderr.write(
      `[contention] service: ${ATTEMPTS} attempts by ${CLIENTS} clients on ${HOT_ASSETS} assets in ${(serviceMs / 1000).toFixed(1)} s ` +
        `(${Math.round(ATTEMPTS / (serviceMs / 1000))}/s): ${outcome.confirmed} confirmed, ${outcome.conflict} conflicts, ${outcome.other} other, ` +
        `${service.overlaps} overlapping confirmed pairs\n` +
        `[contention] naive read-then-write: ${ATTEMPTS} attempts in ${(naiveMs / 1000).toFixed(1)} s: ${naiveInserted} inserted, ${naive.overlaps} overlapping pairs\n`,
    );
    expect([...otherErrors]).toEqual([]);
    expect(outcome.confirmed + outcome.conflict).toBe(ATTEMPTS);
    expect(confirmedRows).toBe(outcome.confirmed);
    expect(outcome.confirmed).toBeGreaterThan(0);
    expect(service.overlaps).toBe(0);
    expect(naive.overlaps).toBeGreaterThan(0);
  }, 180_000);
});
