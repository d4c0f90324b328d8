import { addDays, epochDay, instantOfWallClock, isoWeekday, wallClockAt } from '@rim/zoned-time';

/** A half-open interval [start, end) of epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/** One weekly opening window in the asset's local time: ISO weekday (1 = Monday) and HH:MM. */
export interface WeeklyWindow {
  day: number;
  opens: string;
  closes: string;
}

const MINUTE = 60_000;

export function parseClock(hhmm: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new RangeError(`${hhmm} is not a HH:MM time`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (minutes > 24 * 60) throw new RangeError(`${hhmm} is after 24:00`);
  return minutes;
}

/** Problems with a weekly schedule, in words an asset manager can act on. */
export function scheduleProblems(windows: WeeklyWindow[]): string[] {
  const problems: string[] = [];
  windows.forEach((w, i) => {
    if (!Number.isInteger(w.day) || w.day < 1 || w.day > 7) problems.push(`window ${i}: day must be 1 (Monday) to 7 (Sunday)`);
    try {
      if (parseClock(w.opens) >= parseClock(w.closes)) problems.push(`window ${i}: opens ${w.opens} must be before closes ${w.closes}`);
    } catch (e) {
      problems.push(`window ${i}: ${(e as Error).message}`);
    }
  });
  return problems;
}

/** Sorts and merges overlapping or touching intervals. */
export function merge(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ ...i });
  }
  return out;
}

/** `from` minus every interval of `cuts`. */
export function subtract(from: Interval[], cuts: Interval[]): Interval[] {
  const sortedCuts = merge(cuts);
  const out: Interval[] = [];
  for (const base of merge(from)) {
    let cursor = base.start;
    for (const c of sortedCuts) {
      if (c.end <= cursor || c.start >= base.end) continue;
      if (c.start > cursor) out.push({ start: cursor, end: c.start });
      cursor = Math.max(cursor, c.end);
      if (cursor >= base.end) break;
    }
    if (cursor < base.end) out.push({ start: cursor, end: base.end });
  }
  return out;
}

export function clip(intervals: Interval[], window: Interval): Interval[] {
  return intervals
    .map((i) => ({ start: Math.max(i.start, window.start), end: Math.min(i.end, window.end) }))
    .filter((i) => i.end > i.start);
}

export function totalMs(intervals: Interval[]): number {
  return merge(intervals).reduce((sum, i) => sum + (i.end - i.start), 0);
}

export function contains(intervals: Interval[], slot: Interval): boolean {
  return merge(intervals).some((i) => i.start <= slot.start && slot.end <= i.end);
}

/**
 * Opening intervals of a weekly schedule between two instants, in real time: a window
 * 08:00-18:00 Europe/Paris is 07:00-17:00Z in winter and 06:00-16:00Z in summer. Windows of
 * consecutive days that touch (Mon 00:00-24:00, Tue 00:00-24:00) merge into one interval.
 */
export function openIntervals(windows: WeeklyWindow[], timeZone: string, range: Interval): Interval[] {
  const out: Interval[] = [];
  const clocks = windows.map((w) => ({ day: w.day, opens: parseClock(w.opens), closes: parseClock(w.closes) }));
  // A day either side: a window of the local day before the range may still be open in it.
  const first = addDays(wallClockAt(range.start, timeZone), -1);
  const days = epochDay(wallClockAt(range.end, timeZone)) + 1 - epochDay(first);
  for (let i = 0; i <= days; i++) {
    const date = addDays(first, i);
    const weekday = isoWeekday(date);
    for (const w of clocks) {
      if (w.day === weekday) out.push({ start: instantOfWallClock(date, w.opens, timeZone), end: instantOfWallClock(date, w.closes, timeZone) });
    }
  }
  return clip(merge(out), range);
}

/**
 * The earliest start at or after `notBefore`, on a `stepMs` grid, where `durationMs` fits into
 * `free`; null when nothing fits.
 */
export function firstFit(free: Interval[], durationMs: number, notBefore: number, stepMs = 15 * MINUTE): Interval | null {
  for (const gap of merge(free)) {
    const earliest = Math.max(gap.start, notBefore);
    const start = Math.ceil(earliest / stepMs) * stepMs;
    if (start + durationMs <= gap.end) return { start, end: start + durationMs };
  }
  return null;
}

/** Start of the local calendar month containing `instant`, and start of the next one. */
export function monthOf(instant: number, timeZone: string): Interval {
  const { year, month } = wallClockAt(instant, timeZone);
  const next = month === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: month + 1, day: 1 };
  return { start: instantOfWallClock({ year, month, day: 1 }, 0, timeZone), end: instantOfWallClock(next, 0, timeZone) };
}
