/**
 * Load generation with autocannon (HTTP/1.1 keep-alive, fixed number of connections, closed loop).
 * Each measurement is bounded in time: a warm-up run whose figures are thrown away, then the
 * measured run.
 */
// autocannon ships no type declarations: the part used here.
interface AutocannonResult {
  latency: { p50: number; p99: number; average: number; max: number };
  requests: { average: number; total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  duration: number;
}
interface AutocannonOptions {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  connections: number;
  duration: number;
  timeout?: number;
  /** Requests per second over all connections (autocannon's open-loop-ish pacing); unset: as fast as answers come. */
  overallRate?: number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: AutocannonOptions) => Promise<AutocannonResult>;

export interface LoadResult {
  p50Ms: number;
  p99Ms: number;
  avgMs: number;
  rps: number;
  total: number;
  errors: number;
  non2xx: number;
}

export interface LoadOptions {
  url: string;
  body: string;
  headers?: Record<string, string>;
  connections: number;
  durationS: number;
  warmupS: number;
  /** See AutocannonOptions.overallRate. */
  overallRate?: number;
}

export async function measure(opts: LoadOptions): Promise<LoadResult> {
  const base = {
    url: opts.url,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', ...opts.headers },
    body: opts.body,
    connections: opts.connections,
    timeout: 10,
    ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
  };
  if (opts.warmupS > 0) await autocannon({ ...base, duration: opts.warmupS });
  const r = await autocannon({ ...base, duration: opts.durationS });
  return {
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    avgMs: r.latency.average,
    rps: r.requests.total / (r.duration || opts.durationS),
    total: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

/** One request, to check a target answers the query with data and no error before loading it. */
export async function checkQuery(url: string, body: string, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let parsed: { data?: unknown; errors?: Array<{ message: string }> };
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${url}: not a GraphQL response (HTTP ${res.status}): ${text.slice(0, 200)}`);
  }
  if (!res.ok || parsed.errors?.length || !parsed.data) {
    throw new Error(`${url}: HTTP ${res.status} ${JSON.stringify(parsed.errors ?? parsed).slice(0, 300)}`);
  }
  return parsed.data;
}
