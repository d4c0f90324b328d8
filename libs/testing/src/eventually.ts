import { inspect } from 'node:util';

export interface EventuallyOptions<T> {
  /** When the value read is the one awaited; by default, when it is truthy. */
  until?: (value: T) => boolean;
  /** How long to wait at the most (default 30 s). A bound, not a speed claim: speed goes in `npm run bench`. */
  timeoutMs?: number;
  /** The pause between two reads (default 200 ms). */
  everyMs?: number;
  /**
   * What the time running out means: `'fail'` (default) throws, naming what was awaited and the
   * last value read; `'return-last'` gives the last value, for a negative control that shows the
   * awaited state does NOT come within the time.
   */
  onTimeout?: 'fail' | 'return-last';
}

/**
 * Reads `read()` until the value is the one awaited, and returns that value. An error thrown by
 * `read` ends the wait at once (a broken query is not a value to wait out).
 *
 * @example
 * const row = await eventually('the site in booking', () => db.query('SELECT 1 FROM known_site WHERE id = $1', [id]), {
 *   until: (rows) => rows.length === 1,
 *   timeoutMs: 60_000,
 * });
 */
export async function eventually<T>(what: string, read: () => T | Promise<T>, options: EventuallyOptions<T> = {}): Promise<T> {
  const { until = Boolean, timeoutMs = 30_000, everyMs = 200, onTimeout = 'fail' } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (until(value)) return value;
    if (Date.now() >= deadline) {
      if (onTimeout === 'return-last') return value;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${preview(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(everyMs, deadline - Date.now()))));
  }
}

function preview(value: unknown): string {
  const text = inspect(value, { depth: 4, breakLength: Infinity, maxArrayLength: 20 });
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
