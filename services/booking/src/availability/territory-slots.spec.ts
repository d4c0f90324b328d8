import { earliestSlots, firstPassHorizon, OpenTimeBySchedule, type SlotAsset } from './territory-slots';
import { openIntervals } from './time-intervals';

const H = 3_600_000;
const M = 60_000;
const DAY = 24 * H;
const monday = Date.UTC(2027, 2, 1); // a Monday, Paris in winter time (UTC+1)

function asset(id: string, over: Partial<SlotAsset> = {}): SlotAsset {
  return {
    id,
    openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, opens: '08:00', closes: '18:00' })),
    timezone: 'Europe/Paris',
    minBookingMinutes: 60,
    maxBookingMinutes: 240,
    bufferMinutes: 30,
    minNoticeMinutes: 0,
    ...over,
  };
}

const none = { closed: new Map(), busy: new Map() };

describe('open time by schedule', () => {
  it('gives each asset the part of its schedule it asks for, as openIntervals would', () => {
    const range = { start: monday - DAY, end: monday + 8 * DAY };
    const cache = new OpenTimeBySchedule(range);
    const a = asset('a');
    const from = monday + 9 * H;
    const until = monday + 3 * DAY;
    expect(cache.of(a, from, until)).toEqual(openIntervals(a.openingHours, a.timezone, { start: from, end: until }));
    // Another zone is another schedule, not the cached Paris one.
    const b = asset('b', { timezone: 'UTC' });
    expect(cache.of(b, monday, monday + DAY)).toEqual([{ start: monday + 8 * H, end: monday + 18 * H }]);
  });

  it('hands out copies, so a caller cutting its intervals cannot change the next asset', () => {
    const cache = new OpenTimeBySchedule({ start: monday - DAY, end: monday + 2 * DAY });
    cache.of(asset('a'), monday, monday + DAY)[0].start = 0;
    expect(cache.of(asset('b'), monday, monday + DAY)[0].start).toBe(monday + 7 * H);
  });
});

describe('earliest slots of a territory', () => {
  const window = { start: monday, end: monday + 7 * DAY };

  it('honours each asset notice, buffer and longest booking, earliest first', () => {
    const now = monday - DAY;
    const quick = asset('quick');
    // 33 h of notice from Sunday 00:00Z: not before Monday 09:00Z (10:00 in Paris).
    const late = asset('late', { minNoticeMinutes: (DAY + 9 * H) / M, maxBookingMinutes: 120, bufferMinutes: 0 });
    const search = { candidates: [quick, late].map((a) => ({ asset: a, distanceKm: null })), window, now, minMinutes: 60, limit: 6 };
    const { slots, complete } = earliestSlots(search, new OpenTimeBySchedule({ start: window.start - DAY, end: window.end + DAY }), none, window.end);
    expect(complete).toBe(true);
    expect(slots.map((s) => [s.asset.id, (s.start - monday) / H, (s.end - monday) / H])).toEqual([
      ['quick', 7, 11], // 08:00-12:00 Paris, then 30 min of buffer
      ['late', 9, 11], // not before 10:00 Paris (notice), 2 h at most, no buffer
      ['late', 11, 13],
      ['quick', 11.5, 15.5],
      ['late', 13, 15],
      ['late', 15, 17],
    ]);
  });

  it('keeps clear of bookings and their buffer, and of closures', () => {
    const a = asset('a');
    const busy = new Map([['a', [{ start: monday + 9 * H, end: monday + 10 * H + 30 * M }]]]);
    const closed = new Map([['a', [{ start: monday + 13 * H, end: monday + 17 * H }]]]);
    const search = { candidates: [{ asset: a, distanceKm: 3 }], window, now: 0, minMinutes: 60, limit: 3 };
    const { slots } = earliestSlots(search, new OpenTimeBySchedule({ start: window.start - DAY, end: window.end + DAY }), { closed, busy }, window.end);
    expect(slots.map((s) => [(s.start - monday) / H, (s.end - monday) / H])).toEqual([
      [7, 8.5], // up to the buffer owed before the 09:00Z booking
      [10.5, 12.5], // after the booking's slot (its buffer included), until the closure less a buffer
      [7 + 24, 11 + 24],
    ]);
  });

  it('says when a cap leaves the answer short, so the caller reads further', () => {
    const search = { candidates: [{ asset: asset('a'), distanceKm: null }], window, now: 0, minMinutes: 60, limit: 10 };
    const openTime = new OpenTimeBySchedule({ start: window.start - DAY, end: window.end + DAY });
    const capped = earliestSlots(search, openTime, none, monday + DAY);
    expect(capped.complete).toBe(false);
    expect(capped.slots).toHaveLength(2); // Monday's two (a third would be 30 min)
    const whole = earliestSlots(search, openTime, none, window.end);
    expect(whole.complete).toBe(true);
    expect(whole.slots).toHaveLength(10);
  });
});

describe('first pass horizon', () => {
  it('stops a day after the open time alone holds four answers, and reads one longest booking further', () => {
    // 100 assets, two slots each a weekday (08:00-12:00 and 12:30-16:30): the 800th starts on Thursday.
    const candidates = Array.from({ length: 100 }, (_, n) => ({ asset: asset(`a${n}`), distanceKm: null }));
    const search = { candidates, window: { start: monday, end: monday + 30 * DAY }, now: 0, minMinutes: 60, limit: 200 };
    const { cap, readUntil } = firstPassHorizon(search, new OpenTimeBySchedule({ start: monday - DAY, end: monday + 31 * DAY }));
    expect(new Date(cap).toISOString()).toBe('2027-03-05T11:30:00.000Z'); // a day after Thursday 12:30 Paris
    expect(readUntil - cap).toBe((240 + 30) * M);
  });

  it('reads the whole window when the open time never holds that many', () => {
    const search = { candidates: [{ asset: asset('a'), distanceKm: null }], window: { start: monday, end: monday + 7 * DAY }, now: 0, minMinutes: 60, limit: 200 };
    const { readUntil } = firstPassHorizon(search, new OpenTimeBySchedule({ start: monday - DAY, end: monday + 8 * DAY }));
    expect(readUntil).toBe(monday + 7 * DAY);
  });
});
