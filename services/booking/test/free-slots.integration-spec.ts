import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { mulberry32 as random } from '@rim/seeded-random';
import { graphql, serviceTestEnv, startSubgraphUnderTest } from '@rim/testing';
import { AppModule } from '../src/app.module';
import { slotsOfGap } from '../src/availability/free-slots';
import { loadBookingConfig } from '../src/booking.config';

/**
 * freeSlots across a territory (issue 16): a fixed number of SQL statements whatever the number
 * of assets, and the same answer as a brute force that walks every quarter of an hour of every
 * asset in its own time zone, with closures and confirmed bookings (buffers included).
 */
const ASSETS = 40;
const Q = 15 * 60_000;
const PROCESS = 'FREE_SLOTS_PROBE';
const FREE = `query($input: FreeSlotsInput!) { freeSlots(input: $input) { asset { id } startsAt endsAt } }`;

interface ProbeAsset {
  id: string;
  timezone: string;
  opens: number; // hour, local
  closes: number;
  min: number;
  max: number;
  buffer: number;
  closed: Array<[number, number]>;
  busy: Array<[number, number]>; // slot incl. buffer
}

/** Local ISO weekday and minute of day of an instant, by Intl: independent of the service's code. */
function local(instant: number, timeZone: string): { weekday: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(instant));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return { weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1, minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

function bruteForce(asset: ProbeAsset, from: number, to: number, minMinutes: number): Array<{ start: number; end: number }> {
  const free = (t: number) => {
    const { weekday, minute } = local(t, asset.timezone);
    const open = weekday <= 5 && minute >= asset.opens * 60 && minute < asset.closes * 60;
    const hit = (list: Array<[number, number]>) => list.some(([s, e]) => t < e && t + Q > s);
    return open && !hit(asset.closed) && !hit(asset.busy);
  };
  const gaps: Array<{ start: number; end: number }> = [];
  for (let t = from; t < to; t += Q) {
    if (!free(t)) continue;
    const last = gaps.at(-1);
    if (last && last.end === t) last.end = t + Q;
    else gaps.push({ start: t, end: t + Q });
  }
  return gaps.flatMap((g) => slotsOfGap(g, { minBookingMinutes: asset.min, maxBookingMinutes: asset.max, bufferMinutes: asset.buffer }, minMinutes));
}

describe('freeSlots across a territory, with real Postgres', () => {
  let url: string;
  let dataSource: DataSource;
  let stop: () => Promise<void>;
  const assets: ProbeAsset[] = [];
  let statements: string[] = [];
  // A window of the next Monday, whole quarters of an hour, in the future.
  const monday = new Date();
  monday.setUTCHours(0, 0, 0, 0);
  do monday.setUTCDate(monday.getUTCDate() + 1);
  while (monday.getUTCDay() !== 1);
  const from = monday.getTime();
  const to = from + 86_400_000;

  beforeAll(async () => {
    ({ url, dataSource, stop } = await startSubgraphUnderTest('booking_free_slots', (databaseUrl) =>
      AppModule.forRoot(loadBookingConfig(serviceTestEnv('booking', databaseUrl)))));
    const rnd = random(16);
    const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
    for (let n = 0; n < ASSETS; n++) {
      const opens = pick([6, 7, 8]);
      const min = pick([30, 60]);
      const asset: ProbeAsset = {
        id: randomUUID(), timezone: pick(['Europe/Paris', 'Europe/Paris', 'UTC', 'America/Montreal']), opens, closes: opens + pick([8, 10, 12]),
        min, max: min + pick([60, 120, 240]), buffer: pick([0, 15, 30]), closed: [], busy: [],
      };
      await dataSource.query(
        `INSERT INTO asset (id, organisation_id, name, kind, process_code, timezone, opening_hours, min_booking_minutes, max_booking_minutes, buffer_minutes, price_model, hourly_rate_cents, latitude, longitude)
         VALUES ($1, $2, $3, 'MACHINE', $4, $5, $6, $7, $8, $9, 'HOURLY', 1500, 45.19, 5.72)`,
        [asset.id, randomUUID(), `Probe ${n}`, PROCESS, asset.timezone,
          JSON.stringify([1, 2, 3, 4, 5].map((day) => ({ day, opens: `${String(opens).padStart(2, '0')}:00`, closes: `${String(asset.closes).padStart(2, '0')}:00` }))), asset.min, asset.max, asset.buffer],
      );
      // A few confirmed bookings and a closure, on the quarter-hour grid, never overlapping.
      let cursor = from + Math.floor(rnd() * 24) * 4 * Q;
      for (let b = 0; b < 3; b++) {
        const start = cursor + Math.floor(rnd() * 16) * Q;
        const end = start + (2 + Math.floor(rnd() * 8)) * Q;
        const slotEnd = end + asset.buffer * 60_000;
        if (b === 2) {
          asset.closed.push([start, slotEnd]);
          await dataSource.query(`INSERT INTO blackout (id, asset_id, period, reason) VALUES ($1, $2, tstzrange($3, $4), 'maintenance')`,
            [randomUUID(), asset.id, new Date(start).toISOString(), new Date(slotEnd).toISOString()]);
        } else {
          asset.busy.push([start, slotEnd]);
          await dataSource.query(
            `INSERT INTO booking (id, asset_id, asset_organisation_id, booker_organisation_id, booker_user_id, status, starts_at, ends_at, slot)
             VALUES ($1, $2, $3, $3, 'probe', 'CONFIRMED', $4, $5, tstzrange($4, $6))`,
            [randomUUID(), asset.id, randomUUID(), new Date(start).toISOString(), new Date(end).toISOString(), new Date(slotEnd).toISOString()],
          );
        }
        cursor = slotEnd + Q;
      }
      assets.push(asset);
    }
    const original = PostgresQueryRunner.prototype.query;
    jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(function (this: PostgresQueryRunner, sql: string, ...rest: unknown[]) {
      statements.push(sql);
      return (original as (...args: unknown[]) => Promise<unknown>).call(this, sql, ...rest);
    } as typeof original);
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await stop?.();
  });

  it(`answers ${ASSETS} assets with 3 SQL statements, the same slots as the brute force, each bookable as offered`, async () => {
    const minMinutes = 60;
    statements = [];
    const result = await graphql<{ freeSlots: Array<{ asset: { id: string }; startsAt: string; endsAt: string }> }>(url, FREE, {
      input: { processCode: PROCESS, from: new Date(from).toISOString(), to: new Date(to).toISOString(), minMinutes },
    });
    expect(result.errors).toBeUndefined();
    const reads = statements.filter((sql) => /FROM "?(asset|booking|blackout)"?\b/i.test(sql) && !/outbox|inbox/i.test(sql));
    expect(reads).toHaveLength(3);

    const expected = assets
      .flatMap((a) => bruteForce(a, from, to, minMinutes).map((s) => `${a.id} ${new Date(s.start).toISOString()} ${new Date(s.end).toISOString()}`))
      .sort();
    expect(expected.length).toBeGreaterThan(20);
    expect(expected.length).toBeLessThan(200); // under the answer's cap, so the whole answer is compared
    const got = result.data!.freeSlots.map((s) => `${s.asset.id} ${s.startsAt} ${s.endsAt}`).sort();
    expect(got).toEqual(expected);
    // Every slot honours its asset's longest booking (the dead clause offered whole days).
    for (const s of result.data!.freeSlots) {
      const asset = assets.find((a) => a.id === s.asset.id)!;
      expect(Date.parse(s.endsAt) - Date.parse(s.startsAt)).toBeLessThanOrEqual(asset.max * 60_000);
    }
  });

  it('over a longer window answers the 200 earliest slots of the brute force, computed up to a horizon only', async () => {
    const minMinutes = 30;
    const longer = from + 4 * 86_400_000;
    const result = await graphql<{ freeSlots: Array<{ asset: { id: string }; startsAt: string; endsAt: string }> }>(url, FREE, {
      input: { processCode: PROCESS, from: new Date(from).toISOString(), to: new Date(longer).toISOString(), minMinutes },
    });
    expect(result.errors).toBeUndefined();
    const got = result.data!.freeSlots;
    expect(got).toHaveLength(200);
    const all = new Set(assets.flatMap((a) => bruteForce(a, from, longer, minMinutes).map((s) => `${a.id} ${new Date(s.start).toISOString()} ${new Date(s.end).toISOString()}`)));
    expect(all.size).toBeGreaterThan(400); // the cap really cuts: most of the window is left out
    const keys = got.map((s) => `${s.asset.id} ${s.startsAt} ${s.endsAt}`);
    for (const k of keys) expect(all.has(k)).toBe(true);
    // Nothing earlier than the last slot answered was left out (ties at that instant aside).
    const last = got.at(-1)!.startsAt;
    const earlier = [...all].filter((k) => k.split(' ')[1] < last);
    expect(earlier.every((k) => keys.includes(k))).toBe(true);
  });
});
