import { contains, firstFit, merge, monthOf, openIntervals, scheduleProblems, subtract, totalMs, zonedToInstant } from './time-intervals';

const H = 3_600_000;
const t = (s: string) => Date.parse(s);

describe('time intervals', () => {
  it('converts Paris wall-clock time to instants across daylight saving', () => {
    expect(new Date(zonedToInstant(2026, 1, 15, 8 * 60, 'Europe/Paris')).toISOString()).toBe('2026-01-15T07:00:00.000Z');
    expect(new Date(zonedToInstant(2026, 7, 15, 8 * 60, 'Europe/Paris')).toISOString()).toBe('2026-07-15T06:00:00.000Z');
  });

  it('expands weekly windows into real opening intervals, merging windows that touch', () => {
    const week = openIntervals([{ day: 1, opens: '08:00', closes: '12:00' }, { day: 1, opens: '12:00', closes: '18:00' }], 'Europe/Paris', {
      start: t('2026-01-12T00:00:00Z'), // a Monday
      end: t('2026-01-19T00:00:00Z'),
    });
    expect(week).toEqual([{ start: t('2026-01-12T07:00:00Z'), end: t('2026-01-12T17:00:00Z') }]);
    const always = openIntervals([1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '00:00', closes: '24:00' })), 'UTC', {
      start: t('2026-01-12T00:00:00Z'),
      end: t('2026-01-14T00:00:00Z'),
    });
    expect(always).toEqual([{ start: t('2026-01-12T00:00:00Z'), end: t('2026-01-14T00:00:00Z') }]);
  });

  it('subtracts, merges, measures and tests containment', () => {
    const open = [{ start: 0, end: 10 * H }];
    const free = subtract(open, [{ start: 2 * H, end: 3 * H }, { start: 5 * H, end: 6 * H }]);
    expect(free).toEqual([{ start: 0, end: 2 * H }, { start: 3 * H, end: 5 * H }, { start: 6 * H, end: 10 * H }]);
    expect(totalMs(free)).toBe(8 * H);
    expect(contains(free, { start: 3 * H, end: 5 * H })).toBe(true);
    expect(contains(free, { start: 1 * H, end: 3 * H })).toBe(false);
    expect(merge([{ start: 5, end: 8 }, { start: 0, end: 5 }])).toEqual([{ start: 0, end: 8 }]);
  });

  it('finds the first slot that fits, on a quarter-hour grid, not before a given instant', () => {
    const free = [{ start: 0, end: 1 * H }, { start: 3 * H, end: 6 * H }];
    expect(firstFit(free, 2 * H, 0)).toEqual({ start: 3 * H, end: 5 * H });
    expect(firstFit(free, 2 * H, 3.1 * H)).toEqual({ start: 3.25 * H, end: 5.25 * H });
    expect(firstFit(free, 4 * H, 0)).toBeNull();
  });

  it('names the local calendar month', () => {
    const m = monthOf(t('2026-03-31T23:30:00Z'), 'Europe/Paris'); // already April 1st in Paris
    expect(new Date(m.start).toISOString()).toBe('2026-03-31T22:00:00.000Z');
    expect(new Date(m.end).toISOString()).toBe('2026-04-30T22:00:00.000Z');
  });

  it('rejects impossible schedules', () => {
    expect(scheduleProblems([{ day: 8, opens: '08:00', closes: '07:00' }])).toEqual([
      'window 0: day must be 1 (Monday) to 7 (Sunday)',
      'window 0: opens 08:00 must be before closes 07:00',
    ]);
  });
});
