import { contains, firstFit, merge, monthOf, openIntervals, scheduleProblems, subtract, totalMs } from './time-intervals';

const H = 3_600_000;
const t = (s: string) => Date.parse(s);

describe('time intervals', () => {
  it('opens at the Paris wall-clock time across daylight saving', () => {
    const monday = [{ day: 1, opens: '08:00', closes: '18:00' }];
    expect(openIntervals(monday, 'Europe/Paris', { start: t('2026-01-12T00:00:00Z'), end: t('2026-01-13T00:00:00Z') })).toEqual([
      { start: t('2026-01-12T07:00:00Z'), end: t('2026-01-12T17:00:00Z') },
    ]);
    expect(openIntervals(monday, 'Europe/Paris', { start: t('2026-07-13T00:00:00Z'), end: t('2026-07-14T00:00:00Z') })).toEqual([
      { start: t('2026-07-13T06:00:00Z'), end: t('2026-07-13T16:00:00Z') },
    ]);
    // Sunday 2026-10-25 has 25 hours in Paris: open all day is 22:00Z to 23:00Z the next day.
    const sunday = openIntervals([{ day: 7, opens: '00:00', closes: '24:00' }], 'Europe/Paris', { start: t('2026-10-24T00:00:00Z'), end: t('2026-10-27T00:00:00Z') });
    expect(sunday).toEqual([{ start: t('2026-10-24T22:00:00Z'), end: t('2026-10-25T23:00:00Z') }]);
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
