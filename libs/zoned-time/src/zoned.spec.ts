import { addDays, epochDay, instantOfWallClock, isoWeekday, wallClockAt } from './index';

const iso = (ms: number) => new Date(ms).toISOString();

describe('zoned time', () => {
  it('turns a Paris wall-clock time into its instant in winter and in summer', () => {
    expect(iso(instantOfWallClock({ year: 2026, month: 1, day: 15 }, 8 * 60, 'Europe/Paris'))).toBe('2026-01-15T07:00:00.000Z');
    expect(iso(instantOfWallClock({ year: 2026, month: 7, day: 15 }, 8 * 60, 'Europe/Paris'))).toBe('2026-07-15T06:00:00.000Z');
    expect(iso(instantOfWallClock({ year: 2026, month: 7, day: 15 }, 8 * 60, 'America/Montreal'))).toBe('2026-07-15T12:00:00.000Z');
  });

  it('reads 24:00 as the next midnight, on the day of the change to winter time too', () => {
    // 2026-10-25 has 25 hours in Paris: its 24:00 is 23:00Z, not 22:00Z.
    expect(iso(instantOfWallClock({ year: 2026, month: 10, day: 25 }, 24 * 60, 'Europe/Paris'))).toBe('2026-10-25T23:00:00.000Z');
    expect(iso(instantOfWallClock({ year: 2026, month: 10, day: 25 }, 0, 'Europe/Paris'))).toBe('2026-10-24T22:00:00.000Z');
  });

  it('moves a time skipped by the change to summer time one hour on', () => {
    // 02:30 does not exist in Paris on 2026-03-29: the clock jumps from 02:00 to 03:00.
    expect(iso(instantOfWallClock({ year: 2026, month: 3, day: 29 }, 2 * 60 + 30, 'Europe/Paris'))).toBe('2026-03-29T01:30:00.000Z');
  });

  it('answers the same instant from its cache as computed', () => {
    const date = { year: 2030, month: 2, day: 3 };
    const first = instantOfWallClock(date, 9 * 60, 'Asia/Kolkata');
    expect(instantOfWallClock(date, 9 * 60, 'Asia/Kolkata')).toBe(first);
    expect(iso(first)).toBe('2030-02-03T03:30:00.000Z');
    // Another zone with the same date and minute is its own entry.
    expect(iso(instantOfWallClock(date, 9 * 60, 'UTC'))).toBe('2030-02-03T09:00:00.000Z');
  });

  it('names an unknown time zone', () => {
    expect(() => instantOfWallClock({ year: 2026, month: 1, day: 1 }, 0, 'Mars/Olympus')).toThrow(/Mars\/Olympus/);
    expect(() => wallClockAt(0, 'Mars/Olympus')).toThrow(/Mars\/Olympus/);
  });

  it('reads the wall clock at an instant', () => {
    expect(wallClockAt(Date.parse('2026-03-31T23:30:00Z'), 'Europe/Paris')).toEqual({ year: 2026, month: 4, day: 1, isoWeekday: 3, minuteOfDay: 90 });
    expect(wallClockAt(Date.parse('2026-03-31T23:30:00Z'), 'UTC')).toEqual({ year: 2026, month: 3, day: 31, isoWeekday: 2, minuteOfDay: 23 * 60 + 30 });
  });

  it('counts calendar days across months and years', () => {
    expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addDays({ year: 2028, month: 3, day: 1 }, -1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(epochDay({ year: 1970, month: 1, day: 2 })).toBe(1);
    expect(isoWeekday({ year: 2026, month: 11, day: 23 })).toBe(1);
    expect(isoWeekday({ year: 2026, month: 11, day: 29 })).toBe(7);
  });
});
