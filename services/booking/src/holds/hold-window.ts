/** A half-open interval in epoch milliseconds. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The earliest start of a block of `lengthMs` inside `window` that overlaps none of `busy`.
 * Candidates are the window's start and the end of each busy span: the earliest free block always
 * begins at one of them. Null when none fits.
 */
export function earliestFreeStart(window: Span, lengthMs: number, busy: Span[]): number | null {
  if (!(lengthMs > 0)) return null;
  const candidates = [window.start, ...busy.map((b) => b.end)].filter((c) => c >= window.start).sort((a, b) => a - b);
  for (const start of candidates) {
    const end = start + lengthMs;
    if (end > window.end) return null;
    if (!busy.some((b) => b.start < end && start < b.end)) return start;
  }
  return null;
}

/** Booking's process spelling (LASER_CUTTING) from the directory taxonomy's (laser-cutting). */
export function processCodeForBooking(taxonomyCode: string): string {
  return taxonomyCode.trim().toUpperCase().replace(/-/g, '_');
}
