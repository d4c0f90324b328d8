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
const DAY = 24 * 60 * MINUTE;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local calendar fields of an instant in a time zone. */
export function localFields(instant: number, timeZone: string): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return { y: parts.year, m: parts.month, d: parts.day, h: parts.hour, min: parts.minute, s: parts.second };
}

function offsetMs(instant: number, timeZone: string): number {
  const f = localFields(instant, timeZone);
  const asUtc = Date.UTC(f.y, f.m - 1, f.d, f.h, f.min, f.s);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the wall clock of `timeZone` shows the given local date and minute of day. */
export function zonedToInstant(y: number, m: number, d: number, minuteOfDay: number, timeZone: string): number {
  const guess = Date.UTC(y, m - 1, d) + minuteOfDay * MINUTE;
  const first = guess - offsetMs(guess, timeZone);
  const second = offsetMs(first, timeZone);
  return guess - second;
}

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
  const first = localFields(range.start - DAY, timeZone);
  const last = localFields(range.end + DAY, timeZone);
  const lastDay = Date.UTC(last.y, last.m - 1, last.d);
  for (let day = Date.UTC(first.y, first.m - 1, first.d); day <= lastDay; day += DAY) {
    const date = new Date(day);
    const isoWeekday = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
    for (const w of windows) {
      if (w.day !== isoWeekday) continue;
      const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
      out.push({ start: zonedToInstant(y, m, d, parseClock(w.opens), timeZone), end: zonedToInstant(y, m, d, parseClock(w.closes), timeZone) });
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
  const f = localFields(instant, timeZone);
  const nextY = f.m === 12 ? f.y + 1 : f.y;
  const nextM = f.m === 12 ? 1 : f.m + 1;
  return { start: zonedToInstant(f.y, f.m, 1, 0, timeZone), end: zonedToInstant(nextY, nextM, 1, 0, timeZone) };
}
