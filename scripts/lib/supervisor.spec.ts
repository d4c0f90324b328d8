import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@rim/testing';
import { backoffDelay, logTail, Supervisor, type Component, type ExitInfo, type SupervisedRun } from './supervisor';

/** A real child process (node -e) that runs `script`; its output goes to the component's log. */
function nodeProcess(script: string, logFile: string): SupervisedRun {
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => writeFileSync(logFile, d, { flag: 'a' }));
  child.stderr.on('data', (d) => writeFileSync(logFile, d, { flag: 'a' }));
  const exited = new Promise<ExitInfo>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  return {
    pid: child.pid!,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('backoffDelay', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 500, 10_000))).toEqual([500, 1000, 2000, 4000, 8000, 10_000]);
  });
});

describe('Supervisor (real child processes)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'supervisor-'));
  let supervisor: Supervisor;
  let printed: string[];
  let starts: number;
  let startTimes: number[];
  const component = (name: string, script: (run: number) => string): Component => {
    const logFile = join(dir, `${name}.log`);
    return {
      name,
      logFile,
      start: async () => {
        starts += 1;
        startTimes.push(Date.now());
        return nodeProcess(script(starts), logFile);
      },
    };
  };

  beforeEach(() => {
    printed = [];
    starts = 0;
    startTimes = [];
  });
  afterEach(() => supervisor?.stop());

  it('restarts a process that exits, with growing delays, and prints each restart', async () => {
    supervisor = new Supervisor({ initialDelayMs: 100, maxDelayMs: 1_000, maxRestarts: 10, print: (l) => printed.push(l) });
    // Runs 1 and 2 exit at once (code 3); run 3 stays up.
    await supervisor.add(component('flaky', (run) => (run < 3 ? 'process.exit(3)' : 'setInterval(() => {}, 1000)')));
    await eventually('flaky started 3 times and up', () => starts === 3 && supervisor.state('flaky') === 'up', { timeoutMs: 10_000, everyMs: 10 });
    expect(printed.filter((l) => l.includes('flaky restarting'))).toEqual([
      expect.stringContaining('exit code 3; restart 1 in 0.1 s'),
      expect.stringContaining('exit code 3; restart 2 in 0.2 s'),
    ]);
    expect(printed.at(-1)).toMatch(/flaky up \(pid \d+\) \| flaky up$/);
    // The second wait was the longer one (backoff), by at least its 200 ms.
    expect(startTimes[2] - startTimes[1]).toBeGreaterThanOrEqual(190);
    expect(startTimes[1] - startTimes[0]).toBeGreaterThanOrEqual(90);
  });

  it('restarts a process killed with SIGKILL (as kill -9 would)', async () => {
    supervisor = new Supervisor({ initialDelayMs: 50, print: (l) => printed.push(l) });
    let pid = 0;
    const base = component('victim', () => 'setInterval(() => {}, 1000)');
    await supervisor.add({ ...base, start: async () => { const run = await base.start(); pid = run.pid; return run; } });
    const first = pid;
    process.kill(first, 'SIGKILL');
    await eventually('victim started again and up', () => starts === 2 && supervisor.state('victim') === 'up', { timeoutMs: 10_000, everyMs: 10 });
    expect(pid).not.toBe(first);
    expect(printed.some((l) => l.includes('victim restarting (killed by SIGKILL; restart 1'))).toBe(true);
  });

  it('gives up a crash loop: the component is left down and the tail of its log is printed', async () => {
    supervisor = new Supervisor({ initialDelayMs: 10, maxDelayMs: 20, maxRestarts: 3, windowMs: 60_000, tailLines: 2, print: (l) => printed.push(l) });
    await supervisor.add(component('broken', (run) => `console.error('cannot bind port, run ${run}'); process.exit(1)`));
    await eventually('broken left down', () => supervisor.state('broken') === 'down', { timeoutMs: 10_000, everyMs: 10 });
    expect(starts).toBe(4); // the first start and 3 restarts
    await new Promise((r) => setTimeout(r, 200));
    expect(starts).toBe(4); // and no more
    const down = printed.find((l) => l.includes('broken down'))!;
    expect(down).toMatch(/4 exits within 60 s: crash loop, not restarted/);
    const tail = printed.at(-1)!;
    expect(tail).toContain(`last 2 lines of ${join(dir, 'broken.log')}`);
    expect(tail).toContain('run 4');
    expect(tail).toContain('run 3');
    expect(tail).not.toContain('run 2');
    expect(supervisor.statusLine()).toBe('broken down');
  });

  it('negative control: a process stopped by the supervisor is not restarted', async () => {
    supervisor = new Supervisor({ initialDelayMs: 10, print: (l) => printed.push(l) });
    await supervisor.add(component('steady', () => 'setInterval(() => {}, 1000)'));
    await supervisor.add(component('other', () => 'setInterval(() => {}, 1000)'));
    expect(supervisor.statusLine()).toBe('steady up · other up');
    await supervisor.stop();
    await new Promise((r) => setTimeout(r, 100));
    expect(starts).toBe(2);
    expect(printed.some((l) => l.includes('restarting'))).toBe(false);
    expect(supervisor.statusLine()).toBe('steady stopped · other stopped');
  });

  it('logTail reads the last lines, and says so when there is no log', () => {
    const file = join(dir, 'tail.log');
    writeFileSync(file, 'a\nb\nc\n');
    expect(logTail(file, 2)).toBe('b\nc');
    expect(logTail(join(dir, 'missing.log'), 2)).toBe('(no log file)');
  });
});
