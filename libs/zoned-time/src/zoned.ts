import { DateTime } from 'luxon';
import { addDays, epochDay, isoWeekday, type CalendarDate } from './calendar-date';

/** What the wall clock of a time zone shows at an instant. */
export interface WallClock extends CalendarDate {
  /** 1 = Monday ... 7 = Sunday. */
  isoWeekday: number;
  /** 0-1439. */
  minuteOfDay: number;
}

const MINUTES_PER_DAY = 24 * 60;
/** Keys of the cache: a date and minute of day in one number (minute 0-1440 < 2048). */
const KEY_STRIDE = 2048;
/** Entries per time zone before its cache is dropped: about 50 years of 4 distinct times a day. */
const CACHE_LIMIT = 100_000;
/**
 * instantOfWallClock's answers by time zone. A conversion through Luxon costs tens of
 * microseconds (Intl under the hood); free-slot searches convert the same few opening times of
 * the same days for every asset of a territory, so each is computed once. The answer for a
 * given zone, date and minute never changes within a process (its tz data is fixed).
 */
const instants = new Map<string, Map<number, number>>();

function invalid(what: string, reason: string | null): RangeError {
  return new RangeError(`${what}: ${reason ?? 'invalid'}`);
}

/**
 * The instant at which the wall clock of `timeZone` shows `date` at `minuteOfDay` (0 to 1440;
 * 1440 is midnight ending the day). A time skipped by the change to summer time (02:30 in Paris on
 * the last Sunday of March) is taken one hour later, as the clock would have it; a time shown twice
 * at the change back takes Luxon's choice. Throws a RangeError naming an unknown time zone.
 *
 * @example
 * instantOfWallClock({ year: 2026, month: 1, day: 15 }, 8 * 60, 'Europe/Paris'); // 2026-01-15T07:00Z
 */
export function instantOfWallClock(date: CalendarDate, minuteOfDay: number, timeZone: string): number {
  const key = epochDay(date) * KEY_STRIDE + minuteOfDay;
  let zone = instants.get(timeZone);
  const cached = zone?.get(key);
  if (cached !== undefined) return cached;
  // 24:00 is the next day's 00:00, which Luxon's fields do not accept as such.
  const whole = Math.floor(minuteOfDay / MINUTES_PER_DAY);
  const day = whole ? addDays(date, whole) : date;
  const minute = minuteOfDay - whole * MINUTES_PER_DAY;
  const local = DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: Math.floor(minute / 60), minute: minute % 60 },
    { zone: timeZone },
  );
  if (!local.isValid) throw invalid(`${timeZone} ${day.year}-${day.month}-${day.day} minute ${minute}`, local.invalidExplanation);
  const instant = local.toMillis();
  if (!zone) instants.set(timeZone, (zone = new Map()));
  if (zone.size >= CACHE_LIMIT) zone.clear();
  zone.set(key, instant);
  return instant;
}

/**
 * What the wall clock of `timeZone` shows at `instant`.
 *
 * @example
 * wallClockAt(Date.parse('2026-03-31T23:30:00Z'), 'Europe/Paris'); // April 1st, minute 90
 */
export function wallClockAt(instant: number, timeZone: string): WallClock {
  const local = DateTime.fromMillis(instant, { zone: timeZone });
  if (!local.isValid) throw invalid(`${timeZone} at ${instant}`, local.invalidExplanation);
  const date = { year: local.year, month: local.month, day: local.day };
  return { ...date, isoWeekday: isoWeekday(date), minuteOfDay: local.hour * 60 + local.minute };
}
