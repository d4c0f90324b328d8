import type { Interval } from './time-intervals';

const MINUTE = 60_000;

/** What an asset allows one booking to be. */
export interface SlotRules {
  minBookingMinutes: number;
  maxBookingMinutes: number;
  /** Kept free after each booking: a booking [s, e) occupies [s, e + buffer). */
  bufferMinutes: number;
}

/**
 * The bookable slots of one free gap, back to back: each at most the asset's longest booking, at
 * least the longer of the asker's and the asset's shortest, each followed by the asset's buffer,
 * none running into the buffer owed before the next booking. A gap of 08:00-18:00 on a machine
 * booked 4 h at most, with a 30 min buffer, offers 08:00-12:00, 12:30-16:30 and 17:00-17:30 if
 * half an hour is enough for the asker; every slot offered can be booked as it is.
 */
export function slotsOfGap(gap: Interval, rules: SlotRules, minMinutes: number): Interval[] {
  const shortest = Math.max(minMinutes, rules.minBookingMinutes) * MINUTE;
  const longest = rules.maxBookingMinutes * MINUTE;
  const buffer = rules.bufferMinutes * MINUTE;
  if (shortest > longest) return [];
  const slots: Interval[] = [];
  // The gap already ends where the next booking's slot (or the closing time) begins.
  const lastEnd = gap.end - buffer;
  for (let start = gap.start; lastEnd - start >= shortest; ) {
    const end = Math.min(lastEnd, start + longest);
    slots.push({ start, end });
    start = end + buffer;
  }
  return slots;
}
