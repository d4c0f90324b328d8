import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { portsFor, stateDirFor } from '@rim/local-stack';
import { CHAOS_PORTS, type ChaosReport, type PhaseReport } from '@rim/scripts';

/**
 * The fault suite that counts, at CI size (`npm run chaos -- --size ci`, docs/decisions/0141 and
 * 0142): on a stack of its own (profile `chaos`, other ports than the test stack), 2 000
 * declarations through the directory while the directory and the consumers are killed -9 and
 * Kafka and Postgres are stopped and started again. Run as a child process, as `npm run chaos`
 * runs, so the suite's stack never lives inside Jest's sandbox and the shared test stack is never
 * touched. Whatever happens (a failed count, a timeout, Jest itself stopping the suite), the child
 * is stopped and its stack with it, and the test checks that no port of the profile is left open.
 */
const ROOT = resolve(__dirname, '..');
/** The run is bounded by the suite's own waits; this is the last resort if it hangs anyway. */
const RUN_TIMEOUT_MS = 900_000;

const portOpen = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
    socket.once('timeout', () => (socket.destroy(), done(false)));
  });

/** Every port the chaos run listens on: its stack (profile `chaos`) and its processes. */
function chaosPorts(): number[] {
  const stack = Object.values(portsFor('chaos')).filter((p): p is number => typeof p === 'number');
  return [...stack, ...Object.values(CHAOS_PORTS)];
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

const killGroup = (pgid: number) => {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
};

/**
 * SIGTERM to the runner (its exit hook stops the stack), then SIGKILL to what is left: its process
 * group (the services it launched stay in it, even when the runner itself died), and the stack's
 * groups named in its pid file (which a clean stop removes).
 */
async function stopRun(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid) return;
  if (!exited(child)) {
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 60_000))]);
  }
  killGroup(child.pid);
  try {
    const pidFile = JSON.parse(readFileSync(join(stateDirFor('chaos'), 'stack.pid.json'), 'utf8')) as { groups?: number[]; postgres?: number };
    for (const group of pidFile.groups ?? []) killGroup(group);
    if (pidFile.postgres) process.kill(pidFile.postgres, 'SIGKILL'); // its backends exit when the postmaster dies
  } catch {
    // no pid file: the stack stopped and removed it
  }
}

describe('fault suite that counts (e2e, CI size)', () => {
  let report: ChaosReport;
  let child: ChildProcess | undefined;
  const phase = (kind: PhaseReport['kind']) => report.phases.find((p) => p.kind === kind)!;

  beforeAll(async () => {
    const busy = (await Promise.all(chaosPorts().map(async (p) => ((await portOpen(p)) ? p : 0)))).filter(Boolean);
    if (busy.length) throw new Error(`ports of the chaos profile already in use: ${busy.join(', ')} (another chaos run?)`);
    const out = join(mkdtempSync(join(tmpdir(), 'chaos-')), 'report.json');
    // The suite's own stack: the variables naming the shared test stack must not leak into it.
    const env = { ...process.env };
    for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'OIDC_ISSUER']) delete env[name];
    let stdout = '';
    let stderr = '';
    child = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/chaos/main.ts', '--size', 'ci', '--json', out], {
      cwd: ROOT,
      env,
      detached: true, // its own process group, so that it can be killed whole
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((done) => {
      const timer = setTimeout(() => void stopRun(child), RUN_TIMEOUT_MS);
      child!.once('exit', (c) => (clearTimeout(timer), done(c)));
    });
    try {
      report = JSON.parse(readFileSync(out, 'utf8')) as ChaosReport;
    } catch {
      throw new Error(`the chaos run wrote no report (exit ${code}):\n${stdout.slice(-4000)}\n${stderr.slice(-2000)}`);
    }
    console.log(stdout.slice(stdout.indexOf('chaos suite (')));
  }, RUN_TIMEOUT_MS + 120_000);

  afterAll(async () => {
    await stopRun(child);
  }, 120_000);

  it('loses nothing, applies nothing twice and leaves nothing in the outbox through five faults', () => {
    const p = phase('guaranteed');
    expect(p.faults.map((f) => f.kind)).toEqual(['kill-producer', 'kill-consumer', 'kill-atlas', 'restart-kafka', 'restart-postgres']);
    expect(p.acknowledged + p.committedUnacknowledged).toBe(2_000);
    expect(p.committed).toBe(2_000);
    expect(p.acknowledgedNotCommitted).toBe(0);
    expect(p.missingOnTopic).toBe(0);
    expect(p.deadLettered).toBe(0);
    expect(p.lost).toBe(0);
    expect(p.appliedTwice).toBe(0);
    expect(p.effects).toBe(2_000);
    expect(p.atlasLost).toBe(0);
    expect(p.outboxLeft).toBe(0);
  });

  it('negative control: a consumer without inbox, killed -9, is counted applying effects twice', () => {
    const p = phase('control-no-inbox');
    expect(p.faults.map((f) => f.kind)).toEqual(['kill-consumer']);
    expect(p.lost).toBe(0);
    expect(p.appliedTwice).toBeGreaterThan(0);
    expect(p.effects).toBeGreaterThan(p.committed);
  });

  it('negative control: an at-most-once relay through a broker restart is counted losing events, with an empty outbox', () => {
    const p = phase('control-at-most-once-relay');
    expect(p.outboxLeft).toBe(0);
    expect(p.lostAcknowledged).toBeGreaterThan(0);
    expect(p.missingOnTopic).toBe(p.lost);
  });

  it('leaves no process of the run listening: the stack of profile chaos and its services are stopped', async () => {
    const open = (await Promise.all(chaosPorts().map(async (p) => ((await portOpen(p)) ? p : 0)))).filter(Boolean);
    expect(open).toEqual([]);
  });
});
