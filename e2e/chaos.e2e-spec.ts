import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ChaosReport, PhaseReport } from '@rim/scripts';

/**
 * The fault suite that counts, at CI size (`npm run chaos -- --size ci`, docs/decisions/0141): on a
 * stack of its own (profile `chaos`, other ports), 2 000 declarations through the directory while
 * the directory and the consumers are killed -9 and Kafka and Postgres are stopped and started
 * again. Run as a child process, as `npm run chaos` runs, so the suite's stack never lives inside
 * Jest's sandbox and the shared test stack is never touched.
 */
const ROOT = resolve(__dirname, '..');

describe('fault suite that counts (e2e, CI size)', () => {
  let report: ChaosReport;
  const phase = (kind: PhaseReport['kind']) => report.phases.find((p) => p.kind === kind)!;

  beforeAll(() => {
    const out = join(mkdtempSync(join(tmpdir(), 'chaos-')), 'report.json');
    // The suite's own stack: the variables naming the shared test stack must not leak into it.
    const env = { ...process.env };
    for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'OIDC_ISSUER']) delete env[name];
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'scripts/chaos/main.ts', '--size', 'ci', '--json', out], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      timeout: 1_500_000,
    });
    try {
      report = JSON.parse(readFileSync(out, 'utf8')) as ChaosReport;
    } catch {
      throw new Error(`the chaos run wrote no report (exit ${run.status}):\n${run.stdout.slice(-4000)}\n${run.stderr.slice(-2000)}`);
    }
    console.log(run.stdout.slice(run.stdout.indexOf('chaos suite (')));
  }, 1_600_000);

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
    expect(p.lost).toBe(0);
    expect(p.appliedTwice).toBeGreaterThan(0);
  });

  it('negative control: an at-most-once relay through a broker restart is counted losing events, with an empty outbox', () => {
    const p = phase('control-at-most-once-relay');
    expect(p.outboxLeft).toBe(0);
    expect(p.lostAcknowledged).toBeGreaterThan(0);
    expect(p.missingOnTopic).toBe(p.lost);
  });
});
