import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './config';

/** Where a benchmarked service's code comes from, and its entry point relative to the repository. */
export interface ServiceSource {
  entry: string;
  /** "working tree" or "commit <sha>", for the log and the tables. */
  source: string;
}

/**
 * The entry point of `services/<service>` as `BENCH_<SERVICE>_SOURCE` asks: `head` (default: the
 * last commit's, so an uncommitted change in progress can neither break nor skew the figures),
 * `worktree`, or any commit (e.g. to measure before and after a change on the same data).
 * Commits are extracted with `git archive` under the repository's `.local/bench-src/`, so that
 * their imports resolve against the repository's node_modules whatever BENCH_STATE_DIR is.
 */
export function serviceSource(service: string, log: (line: string) => void): ServiceSource {
  const main = `services/${service}/src/main.ts`;
  const wanted = process.env[`BENCH_${service.toUpperCase()}_SOURCE`] ?? 'head';
  if (wanted === 'worktree') return { entry: main, source: 'working tree' };
  const sha = execFileSync('git', ['rev-parse', wanted === 'head' ? 'HEAD' : `${wanted}^{commit}`], { cwd: ROOT })
    .toString()
    .trim();
  if (wanted === 'head' && execFileSync('git', ['status', '--porcelain', '--', `services/${service}`], { cwd: ROOT }).toString().trim()) {
    log(`services/${service} has uncommitted changes: benchmarking the last commit's (BENCH_${service.toUpperCase()}_SOURCE=worktree to use them)`);
  }
  const dir = join(ROOT, '.local', 'bench-src', service, sha.slice(0, 12));
  const entry = join(dir, main);
  if (!existsSync(entry)) {
    mkdirSync(dir, { recursive: true });
    execSync(`git archive ${sha} services/${service} | tar -x -C '${dir}'`, { cwd: ROOT });
  }
  return { entry: relative(ROOT, entry), source: `commit ${sha.slice(0, 12)}` };
}

/** Like {@link serviceSource} for one given commit, whatever BENCH_<SERVICE>_SOURCE says. */
export function serviceSourceAt(service: string, commit: string, log: (line: string) => void): ServiceSource {
  const name = `BENCH_${service.toUpperCase()}_SOURCE`;
  const saved = process.env[name];
  process.env[name] = commit;
  try {
    return serviceSource(service, log);
  } finally {
    if (saved === undefined) delete process.env[name];
    else process.env[name] = saved;
  }
}
