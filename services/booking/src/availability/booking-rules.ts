import type { FieldProblem } from '@rim/service-kit';
import { contains, openIntervals, type Interval, type WeeklyWindow } from './time-intervals';

/** The booking rules of one asset. */
export interface SlotRules {
  openingHours: WeeklyWindow[];
  timezone: string;
  minBookingMinutes: number;
  maxBookingMinutes: number;
  minNoticeMinutes: number;
}

export interface Blackout extends Interval {
  reason: string;
}

const MINUTE = 60_000;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Why a slot cannot be booked on an asset, or an empty list. Overlap with other bookings is not
 * checked here: the database's exclusion constraint decides that.
 */
export function slotProblems(rules: SlotRules, slot: Interval, now: number, blackouts: Blackout[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!(slot.end > slot.start)) return [{ field: 'input.endsAt', reason: 'must be after startsAt' }];
  const minutes = (slot.end - slot.start) / MINUTE;
  if (minutes < rules.minBookingMinutes) {
    problems.push({ field: 'input.endsAt', reason: `too short: ${minutes} min, this asset is booked for at least ${rules.minBookingMinutes} min` });
  }
  if (minutes > rules.maxBookingMinutes) {
    problems.push({ field: 'input.endsAt', reason: `too long: ${minutes} min, this asset is booked for at most ${rules.maxBookingMinutes} min` });
  }
  if (slot.start < now + rules.minNoticeMinutes * MINUTE) {
    problems.push({
      field: 'input.startsAt',
      reason:
        slot.start < now
          ? 'is in the past'
          : `too late notice: this asset must be booked at least ${rules.minNoticeMinutes} min ahead, i.e. from ${iso(now + rules.minNoticeMinutes * MINUTE)}`,
    });
  }
  const open = openIntervals(rules.openingHours, rules.timezone, { start: slot.start - MINUTE, end: slot.end + MINUTE });
  if (!contains(open, slot)) {
    problems.push({ field: 'input.startsAt', reason: `outside opening hours (${describeHours(rules.openingHours)}, ${rules.timezone})` });
  }
  const closed = blackouts.find((b) => b.start < slot.end && slot.start < b.end);
  if (closed) {
    problems.push({ field: 'input.startsAt', reason: `the asset is closed from ${iso(closed.start)} to ${iso(closed.end)}: ${closed.reason}` });
  }
  return problems;
}

const DAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function describeHours(windows: WeeklyWindow[]): string {
  if (windows.length === 0) return 'never open';
  return [...windows]
    .sort((a, b) => a.day - b.day || a.opens.localeCompare(b.opens))
    .map((w) => `${DAYS[w.day]} ${w.opens}-${w.closes}`)
    .join(', ');
}
