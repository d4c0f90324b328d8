/** Offset of Europe/Paris from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function parisOffsetMinutes(at: Date): number {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** ISO weekday (1 = Monday ... 7 = Sunday) of a calendar date. */
function isoWeekday(y: number, m: number, d: number): number {
  const w = new Date(Date.UTC(y, m, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

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
  const start = new Date(from.getTime() + parisOffsetMinutes(from) * 60_000); // Paris wall clock as UTC fields
  for (let i = 0; out.length < count && i < 8 * count + 8; i++) {
    const y = start.getUTCFullYear();
    const m = start.getUTCMonth();
    const d = start.getUTCDate() + i;
    if (!days.has(isoWeekday(y, m, d))) continue;
    const wall = Date.UTC(y, m, d, h, mi);
    // The offset at the departure itself, not at `from` (a tour may cross the summer-time change).
    const instant = new Date(wall - parisOffsetMinutes(new Date(wall - 60 * 60_000)) * 60_000);
    if (instant.getTime() > from.getTime()) out.push(instant);
  }
  return out;
}
