import { slotsOfGap, type SlotRules } from './free-slots';
import { openIntervals, subtract, type Interval, type WeeklyWindow } from './time-intervals';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** What the territory search needs of an asset. */
export interface SlotAsset extends SlotRules {
  id: string;
  openingHours: WeeklyWindow[];
  timezone: string;
  minNoticeMinutes: number;
}

export interface Candidate<A extends SlotAsset> {
  asset: A;
  distanceKm: number | null;
}

export interface TerritorySlot<A extends SlotAsset> extends Candidate<A> {
  start: number;
  end: number;
}

/** One free-slot search over many assets: the window, the asker's shortest slot, the answer's cap. */
export interface TerritorySearch<A extends SlotAsset> {
  candidates: Array<Candidate<A>>;
  window: Interval;
  now: number;
  minMinutes: number;
  limit: number;
}

/** Closures and confirmed bookings (buffer included) of each asset, as far as they were read. */
export interface KnownBusy {
  closed: Map<string, Interval[]>;
  busy: Map<string, Interval[]>;
}

/**
 * Open time of each distinct weekly schedule over a search window. A territory's assets share a
 * handful of schedules (same hours, same zone), so each is expanded to instants once per search
 * instead of once per asset; each asset then takes its part by binary search.
 */
export class OpenTimeBySchedule {
  private readonly bySchedule = new Map<string, Interval[]>();
  /** Each asset's schedule, so its key is built once per search, not once per pass. */
  private readonly byAsset = new WeakMap<SlotAsset, Interval[]>();

  constructor(private readonly range: Interval) {}

  /** Open intervals of `asset` within [from, until), sorted, fresh objects (callers may mutate). */
  of(asset: SlotAsset, from: number, until: number): Interval[] {
    let open = this.byAsset.get(asset);
    if (!open) {
      const key = `${asset.timezone} ${JSON.stringify(asset.openingHours)}`;
      open = this.bySchedule.get(key);
      if (!open) {
        open = openIntervals(asset.openingHours, asset.timezone, this.range);
        this.bySchedule.set(key, open);
      }
      this.byAsset.set(asset, open);
    }
    let lo = 0;
    let hi = open.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (open[mid].end <= from) lo = mid + 1;
      else hi = mid;
    }
    const out: Interval[] = [];
    for (let i = lo; i < open.length && open[i].start < until; i++) {
      out.push({ start: Math.max(open[i].start, from), end: Math.min(open[i].end, until) });
    }
    return out;
  }
}

/** How far past a slot's start the asset's bookings must be known to cut that slot exactly. */
export function reachMs(asset: SlotRules): number {
  return (asset.maxBookingMinutes + asset.bufferMinutes) * MINUTE;
}

/**
 * The earliest `limit` slots of the search whose start is before `cap`, computed up to a horizon
 * that doubles from one day until it holds that many (rather than every asset's whole window).
 * `complete` is false when fewer than `limit` start before `cap` and the window goes on past it:
 * the caller then reads the rest of the window and asks again with a later cap. Each slot is cut
 * by the asset's open time, closures and bookings up to its start plus the asset's longest
 * booking and buffer, so `known` must hold them up to `cap` plus that much (or the window's end).
 */
export function earliestSlots<A extends SlotAsset>(
  search: TerritorySearch<A>,
  openTime: OpenTimeBySchedule,
  known: KnownBusy,
  cap: number,
): { slots: Array<TerritorySlot<A>>; complete: boolean } {
  const { window, now, limit } = search;
  for (let span = DAY; ; span *= 2) {
    const horizon = Math.min(cap, window.start + span);
    const out: Array<TerritorySlot<A>> = [];
    for (const { asset, distanceKm } of search.candidates) {
      const from = Math.max(window.start, now + asset.minNoticeMinutes * MINUTE);
      if (!(horizon > from)) continue;
      // Open time past the horizon by one longest booking and its buffer: a slot starting before
      // the horizon is then cut exactly as it would be from the whole window.
      const until = Math.min(window.end, horizon + reachMs(asset));
      const open = openTime.of(asset, from, until);
      const cuts = [...(known.closed.get(asset.id) ?? []), ...(known.busy.get(asset.id) ?? [])];
      for (const gap of cuts.length ? subtract(open, cuts) : open) {
        for (const slot of slotsOfGap(gap, asset, search.minMinutes)) {
          if (slot.start < horizon) out.push({ asset, distanceKm, start: slot.start, end: slot.end });
        }
      }
    }
    if (out.length >= limit || horizon === window.end || horizon === cap) {
      const slots = out.sort((a, b) => a.start - b.start || (a.distanceKm ?? 0) - (b.distanceKm ?? 0)).slice(0, limit);
      return { slots, complete: out.length >= limit || horizon === window.end };
    }
  }
}

/**
 * Where to stop reading bookings on a first pass: the horizon by which the assets' open time
 * alone (no bookings, no closures) offers `factor` times the answer's cap, extended by the
 * assets' longest booking and buffer. Bookings only take slots away, so the first pass answers
 * unless they take more than 1 - 1/factor of the open slots before that horizon; otherwise the
 * caller reads the rest of the window (a second, last pass).
 */
export function firstPassHorizon<A extends SlotAsset>(search: TerritorySearch<A>, openTime: OpenTimeBySchedule, factor = 4): { cap: number; readUntil: number } {
  const openOnly = earliestSlots({ ...search, limit: search.limit * factor }, openTime, { closed: new Map(), busy: new Map() }, search.window.end);
  // Fewer than that in the whole window: it is read whole, in one pass.
  const last = openOnly.slots.length >= search.limit * factor ? openOnly.slots.at(-1) : undefined;
  // Else a day past the last of those slots, so that bookings of one day cannot leave it short.
  const cap = last ? Math.min(search.window.end, last.start + DAY) : search.window.end;
  const reach = Math.max(0, ...search.candidates.map((c) => reachMs(c.asset)));
  return { cap, readUntil: Math.min(search.window.end, cap + reach) };
}
