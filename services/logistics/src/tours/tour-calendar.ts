import { addDays, instantOfWallClock, isoWeekday, wallClockAt } from '@rim/zoned-time';

/** Tours run on the wall clock of the territory. */
const TOUR_TIME_ZONE = 'Europe/Paris';

/**
 * The next `count` departures of a weekly tour after `from`: each listed ISO weekday at the local
 * (Europe/Paris) departure time, summer time included.
 *
 * @example
 * nextDepartures([2, 5], '06:30', new Date('2026-11-23T12:00:00Z'), 2)
 * // [2026-11-24T05:30:00Z (Tuesday), 2026-11-27T05:30:00Z (Friday)]
 */
export function nextDepartures(weekdays: number[], departureTime: string, from: Date, count: number): Date[] {
  const [h, mi] = departureTime.split(':').map(Number);
  const out: Date[] = [];
  const days = new Set(weekdays);
  if (!days.size) return out;
  const today = wallClockAt(from.getTime(), TOUR_TIME_ZONE);
  for (let i = 0; out.length < count && i < 8 * count + 8; i++) {
    const date = addDays(today, i);
    if (!days.has(isoWeekday(date))) continue;
    // The offset of the departure's own day, not of `from`'s (a tour may cross the summer-time change).
    const instant = instantOfWallClock(date, h * 60 + mi, TOUR_TIME_ZONE);
    if (instant > from.getTime()) out.push(new Date(instant));
  }
  return out;
}
