import { readFileSync, readdirSync } from 'node:fs';

/** Resident memory (KiB) of a process and all its descendants, from /proc. */
function treeRssKiB(rootPids: number[]): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // process ended meanwhile
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p && hops < 64; p = parents.get(p), hops++) {
      if (rootPids.includes(p)) return true;
    }
    return false;
  };
  let total = 0;
  for (const pid of parents.keys()) {
    if (!inTree(pid)) continue;
    try {
      const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) total += Number(match[1]);
    } catch {
      // ended
    }
  }
  return total;
}

/**
 * Samples the summed RSS of the given process trees every `intervalMs` and keeps the peak. The
 * figure `npm start` prints and the README quotes.
 */
export class MemorySampler {
  peakKiB = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly roots: () => number[], private readonly intervalMs = 500) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  sample(): number {
    const now = treeRssKiB(this.roots());
    this.peakKiB = Math.max(this.peakKiB, now);
    return now;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
