import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from './config';

/** What bench/preload/service-probe.js reports: statements sent to Postgres so far, by first word. */
export interface ProbeCounts {
  statements: number;
  byKind: Record<string, number>;
  profiles: number;
}

/**
 * The environment that preloads bench/preload/service-probe.js into a launched service, and the
 * reader of its counts. `cpuProfileDir` also makes it record one CPU profile per probe interval.
 */
export function serviceProbe(name: string, stateDir: string, cpuProfileDir?: string) {
  const file = join(stateDir, `probe-${name}.json`);
  rmSync(`${file}.request`, { force: true });
  const env: Record<string, string> = {
    NODE_OPTIONS: `--require ${resolve(ROOT, 'bench/preload/service-probe.js')}`,
    BENCH_PROBE_FILE: file,
    ...(cpuProfileDir ? { BENCH_CPU_PROFILE_DIR: cpuProfileDir } : {}),
  };
  let seq = 0;
  /** Asks the service for its counts and waits for the answer carrying the same sequence number. */
  async function read(): Promise<ProbeCounts> {
    const asked = `${process.pid}-${++seq}`;
    writeFileSync(`${file}.request`, asked);
    for (let i = 0; i < 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      try {
        const answer = JSON.parse(readFileSync(file, 'utf8')) as ProbeCounts & { seq: string };
        if (answer.seq === asked) return answer;
      } catch {
        // not answered yet
      }
    }
    throw new Error(`service probe of ${name} did not answer request ${asked}`);
  }
  return { env, read };
}

/** Difference of two probe readings. */
export function probeDelta(after: ProbeCounts, before: ProbeCounts): ProbeCounts {
  const byKind: Record<string, number> = {};
  for (const [k, v] of Object.entries(after.byKind)) {
    const d = v - (before.byKind[k] ?? 0);
    if (d) byKind[k] = d;
  }
  return { statements: after.statements - before.statements, byKind, profiles: after.profiles };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Where the samples of a .cpuprofile fall: self time by function and by package (node_modules/<pkg>, or the repo's own code). */
export function summariseProfile(path: string, top = 12): { totalMs: number; functions: Array<[string, number]>; packages: Array<[string, number]> } {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    total += us;
    const where = packageOf(url, functionName);
    const file = url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '').replace(/^.*node_modules\//, '');
    fn.set(`${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim(), (fn.get(`${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim()) ?? 0) + us);
    pkg.set(where, (pkg.get(where) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => [k, v / 1000] as [string, number]);
  return { totalMs: total / 1000, functions: sorted(fn), packages: sorted(pkg) };
}

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node core';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  const own = /(services|libs)\/([^/]+)/.exec(url);
  return own ? `${own[1]}/${own[2]}` : url;
}
