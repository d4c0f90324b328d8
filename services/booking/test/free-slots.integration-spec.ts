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
 * of assets (counted at 50 and 500), and the same answer as a brute force that walks every quarter
 * of an hour of every asset in its own time zone, with closures, confirmed bookings (buffers
 * included) and notice; each slot answered is checked bookable as it is, quarter by quarter.
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
  /** Slots start at or after this instant (the asset's notice from now), -Infinity when none applies. */
  notBefore: number;
  closed: Array<[number, number]>;
  busy: Array<[number, number]>; // slot incl. buffer
}

/** Local ISO weekday and minute of day of an instant, by Intl: independent of the service's code. */
function local(instant: number, timeZone: string): { weekday: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(instant));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return { weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1, minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

/** Whether the quarter of an hour starting at `t` can be booked on the asset: open, not closed, not booked, not too soon. */
function freeQuarter(asset: ProbeAsset, t: number): boolean {
  const { weekday, minute } = local(t, asset.timezone);
  const open = weekday <= 5 && minute >= asset.opens * 60 && minute < asset.closes * 60;
  const hit = (list: Array<[number, number]>) => list.some(([s, e]) => t < e && t + Q > s);
  return open && t >= asset.notBefore && !hit(asset.closed) && !hit(asset.busy);
}

function bruteForce(asset: ProbeAsset, from: number, to: number, minMinutes: number): Array<{ start: number; end: number }> {
  const free = (t: number) => freeQuarter(asset, t);
  const gaps: Array<{ start: number; end: number }> = [];
  for (let t = from; t < to; t += Q) {
    if (!free(t)) continue;
    const last = gaps.at(-1);
    if (last && last.end === t) last.end = t + Q;
    else gaps.push({ start: t, end: t + Q });
  }
  return gaps.flatMap((g) => slotsOfGap(g, { minBookingMinutes: asset.min, maxBookingMinutes: asset.max, bufferMinutes: asset.buffer }, minMinutes));
}

/**
 * Each slot bookable as offered, checked without the service's slotsOfGap: as long as the asker
 * and the asset allow, every quarter of it and of the buffer after it free, and the asset's slots
 * never closer to one another than its buffer.
 */
function expectBookable(slots: Array<{ asset: { id: string }; startsAt: string; endsAt: string }>, assets: ProbeAsset[], minMinutes: number): void {
  const last = new Map<string, number>();
  const sorted = [...slots].sort((a, b) => a.asset.id.localeCompare(b.asset.id) || a.startsAt.localeCompare(b.startsAt));
  for (const s of sorted) {
    const asset = assets.find((a) => a.id === s.asset.id)!;
    const start = Date.parse(s.startsAt);
    const end = Date.parse(s.endsAt);
    const minutes = (end - start) / 60_000;
    expect([s.asset.id, minutes >= Math.max(asset.min, minMinutes) && minutes <= asset.max]).toEqual([s.asset.id, true]);
    for (let t = start; t < end + asset.buffer * 60_000; t += Q) expect([s.startsAt, t, freeQuarter(asset, t)]).toEqual([s.startsAt, t, true]);
    const previousEnd = last.get(asset.id);
    if (previousEnd !== undefined) expect(start).toBeGreaterThanOrEqual(previousEnd + asset.buffer * 60_000);
    last.set(asset.id, end);
  }
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
        min, max: min + pick([60, 120, 240]), buffer: pick([0, 15, 30]), notBefore: -Infinity, closed: [], busy: [],
      };
      // One asset in five needs notice: until Monday 12:00Z, a minute or so more by the time it is
      // asked. A closure over that instant (12:00Z - Q to 12:00Z + 2Q) makes its free time start
      // at a known instant, 12:30Z, however long the test took to get there.
      const noticed = n % 5 === 0;
      let notice = 0;
      if (noticed) {
        asset.notBefore = from + 12 * 4 * Q;
        notice = Math.ceil((asset.notBefore - Date.now()) / 60_000);
        asset.closed.push([asset.notBefore - Q, asset.notBefore + 2 * Q]);
      }
      await dataSource.query(
        `INSERT INTO asset (id, organisation_id, name, kind, process_code, timezone, opening_hours, min_booking_minutes, max_booking_minutes, buffer_minutes, min_notice_minutes, price_model, hourly_rate_cents, latitude, longitude)
         VALUES ($1, $2, $3, 'MACHINE', $4, $5, $6, $7, $8, $9, $10, 'HOURLY', 1500, 45.19, 5.72)`,
        [asset.id, randomUUID(), `Probe ${n}`, PROCESS, asset.timezone,
          JSON.stringify([1, 2, 3, 4, 5].map((day) => ({ day, opens: `${String(opens).padStart(2, '0')}:00`, closes: `${String(asset.closes).padStart(2, '0')}:00` }))), asset.min, asset.max, asset.buffer, notice],
      );
      if (noticed) {
        const [s, e] = asset.closed[0];
        await dataSource.query(`INSERT INTO blackout (id, asset_id, period, reason) VALUES ($1, $2, tstzrange($3, $4), 'calibration')`,
          [randomUUID(), asset.id, new Date(s).toISOString(), new Date(e).toISOString()]);
        assets.push(asset);
        continue;
      }
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
    // Every slot honours its asset's longest booking (the dead clause offered whole days), buffer and notice.
    expectBookable(result.data!.freeSlots, assets, minMinutes);
    // The noticed assets offer nothing before their notice runs out, and do offer after it.
    const noticed = assets.filter((a) => a.notBefore > -Infinity);
    const theirs = result.data!.freeSlots.filter((s) => noticed.some((a) => a.id === s.asset.id));
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((s) => Date.parse(s.startsAt) >= from + 12.5 * 3_600_000)).toBe(true);
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
    expectBookable(got, assets, minMinutes);
  });

  /**
   * Territories of 50 and 500 identical assets, open 24 h a day, seeded in bulk: lightly booked
   * (the first pass, up to a horizon, answers) and fully booked for their first ten days (a second
   * pass reads the rest of the window). The statement count must not grow with the assets.
   */
  async function territory(processCode: string, assetCount: number, bookedDays: number): Promise<void> {
    const always = JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '00:00', closes: '24:00' })));
    await dataSource.query(
      `INSERT INTO asset (id, organisation_id, name, kind, process_code, timezone, opening_hours, min_booking_minutes, max_booking_minutes, buffer_minutes, price_model, hourly_rate_cents, latitude, longitude)
       SELECT gen_random_uuid(), gen_random_uuid(), $1 || ' ' || n, 'MACHINE', $1, 'UTC', $2, 60, 240, 15, 'HOURLY', 1500, 45.19, 5.72 FROM generate_series(1, $3) AS n`,
      [processCode, always, assetCount],
    );
    await dataSource.query(
      `INSERT INTO booking (id, asset_id, asset_organisation_id, booker_organisation_id, booker_user_id, status, starts_at, ends_at, slot)
       SELECT gen_random_uuid(), a.id, a.organisation_id, a.organisation_id, 'probe', 'CONFIRMED', d, d + interval '1 day', tstzrange(d, d + interval '1 day')
         FROM asset a, generate_series($2::timestamptz, $2::timestamptz + ($3 - 1) * interval '1 day', interval '1 day') AS d
        WHERE a.process_code = $1`,
      [processCode, new Date(from).toISOString(), bookedDays],
    );
  }

  async function countedFreeSlots(processCode: string): Promise<{ reads: number; slots: Array<{ startsAt: string }> }> {
    statements = [];
    const result = await graphql<{ freeSlots: Array<{ asset: { id: string }; startsAt: string; endsAt: string }> }>(url, FREE, {
      input: { processCode, from: new Date(from).toISOString(), to: new Date(from + 30 * 86_400_000).toISOString(), minMinutes: 60 },
    });
    expect(result.errors).toBeUndefined();
    const reads = statements.filter((sql) => /FROM "?(asset|booking|blackout)"?\b/i.test(sql) && !/outbox|inbox/i.test(sql)).length;
    return { reads, slots: result.data!.freeSlots };
  }

  it('reads 50 and 500 assets over 30 days with the same statements: three, or five when bookings fill the first horizon', async () => {
    await territory('COUNT_LIGHT_50', 50, 0);
    await territory('COUNT_LIGHT_500', 500, 0);
    await territory('COUNT_BUSY_50', 50, 10);
    await territory('COUNT_BUSY_500', 500, 10);
    const light50 = await countedFreeSlots('COUNT_LIGHT_50');
    const light500 = await countedFreeSlots('COUNT_LIGHT_500');
    const busy50 = await countedFreeSlots('COUNT_BUSY_50');
    const busy500 = await countedFreeSlots('COUNT_BUSY_500');
    expect([light50.reads, light500.reads, busy50.reads, busy500.reads]).toEqual([3, 3, 5, 5]);
    for (const r of [light50, light500, busy50, busy500]) expect(r.slots).toHaveLength(200);
    // Fully booked for ten days: the first slots are on the eleventh, read by the second pass.
    const eleventh = new Date(from + 10 * 86_400_000).toISOString();
    expect(busy50.slots[0].startsAt).toBe(eleventh);
    expect(busy500.slots[0].startsAt).toBe(eleventh);
    expect(light500.slots[0].startsAt).toBe(new Date(from).toISOString());
  });
});
