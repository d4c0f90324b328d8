/** A calendar date, without a time zone: month 1-12, day 1-31. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const DAY = 86_400_000;

/** Days since 1970-01-01 of a calendar date (proleptic Gregorian). */
export function epochDay(date: CalendarDate): number {
  return Math.floor(Date.UTC(date.year, date.month - 1, date.day) / DAY);
}

/** The calendar date `days` after (or before, if negative) `date`. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday of a calendar date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  const w = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return w === 0 ? 7 : w;
}
