/**
 * `@rim/zoned-time`: wall-clock time in IANA time zones, once for the platform, on Luxon (no
 * hand-written offsets): a calendar date and minute of day to an instant and back, summer time
 * included. Instants are epoch milliseconds.
 *
 * @example
 * ```ts
 * import { instantOfWallClock, wallClockAt, addDays, type CalendarDate } from '@rim/zoned-time';
 * const opens = instantOfWallClock({ year: 2026, month: 7, day: 15 }, 8 * 60, 'Europe/Paris'); // 06:00Z
 * ```
 *
 * @packageDocumentation
 */
export { addDays, epochDay, isoWeekday, type CalendarDate } from './calendar-date';
export { instantOfWallClock, wallClockAt, type WallClock } from './zoned';
