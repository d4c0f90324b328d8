/**
 * `npm run chaos` (full size: 20 000 declarations in the guaranteed phase) or
 * `npm run chaos -- --size ci` (2 000), optionally `--json <file>` for the report. Prints one table.
 * Exits 1 if the guaranteed phase lost, doubled or stranded anything, or if a control caught nothing.
 */
import { writeFileSync } from 'node:fs';
import { installShutdownHooks } from '@rim/local-stack';
import { chaosPlan, runChaos, type ChaosReport, type PhaseReport } from './chaos-run';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The verdict the suite stands for: the guarantee holds, and each control shows the counting catches its failure. */
export function verdict(phase: PhaseReport): string[] {
  const problems: string[] = [];
  if (phase.kind === 'guaranteed') {
    for (const key of ['lost', 'appliedTwice', 'outboxLeft', 'atlasLost', 'acknowledgedNotCommitted', 'missingOnTopic', 'deadLettered'] as const) {
      if (phase[key] !== 0) problems.push(`${key} = ${phase[key]}, expected 0`);
    }
  }
  if (phase.kind === 'control-no-inbox' && phase.appliedTwice === 0) problems.push('the consumer without inbox applied nothing twice: the counting did not catch it');
  if (phase.kind === 'control-at-most-once-relay' && phase.lost === 0) problems.push('the at-most-once relay lost nothing: the counting did not catch it');
  return problems;
}

function table(report: ChaosReport): string {
  const rows: Array<[string, ...string[]]> = [
    ['', ...report.phases.map((p) => p.kind)],
    ['declarations acknowledged', ...report.phases.map((p) => String(p.acknowledged))],
    ['committed without answer', ...report.phases.map((p) => String(p.committedUnacknowledged))],
    ['committed (SQL, directory)', ...report.phases.map((p) => String(p.committed))],
    ['on the topic (records)', ...report.phases.map((p) => String(p.onTopic))],
    ['ids twice on the topic', ...report.phases.map((p) => String(p.topicDuplicates))],
    ['missing on the topic', ...report.phases.map((p) => String(p.missingOnTopic))],
    ['dead-lettered', ...report.phases.map((p) => String(p.deadLettered))],
    ['effects (SQL, counting consumer)', ...report.phases.map((p) => String(p.effects))],
    ['LOST (no effect)', ...report.phases.map((p) => `${p.lost} (${p.lostAcknowledged} acknowledged)`)],
    ['APPLIED TWICE', ...report.phases.map((p) => String(p.appliedTwice))],
    ['missing in atlas read model', ...report.phases.map((p) => String(p.atlasLost))],
    ['LEFT IN OUTBOX', ...report.phases.map((p) => String(p.outboxLeft))],
    ['load s / drain s', ...report.phases.map((p) => `${p.loadS.toFixed(1)} / ${p.drainS.toFixed(1)}`)],
    ['write retries', ...report.phases.map((p) => String(p.writeRetries))],
    ...report.phases.flatMap((p) =>
      p.faults.map((f): [string, ...string[]] => [
        `${p.kind}: ${f.kind}`,
        `back up ${f.backUpS.toFixed(1)} s, moving again ${f.recoveredS.toFixed(1)} s`,
      ]),
    ),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ')).join('\n');
}

async function main(): Promise<void> {
  installShutdownHooks();
  const size = arg('size') === 'ci' ? 'ci' : 'full';
  const report = await runChaos({ phases: chaosPlan(size) });
  const json = arg('json');
  if (json) writeFileSync(json, JSON.stringify(report, null, 2));
  console.log(`\nchaos suite (${size}), stack up in ${report.stackStartS.toFixed(1)} s, total ${report.totalS.toFixed(1)} s, ` +
    `load average ${report.loadAverage.map((l) => l.toFixed(2)).join(' ')} on ${report.cpus} cores\n`);
  console.log(table(report));
  const problems = report.phases.flatMap((p) => verdict(p).map((m) => `${p.kind}: ${m}`));
  console.log(problems.length ? `\nFAILED:\n  ${problems.join('\n  ')}` : '\nOK: nothing lost, nothing applied twice, nothing left in the outbox; both controls caught their failure.');
  process.exit(problems.length ? 1 : 0);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`[chaos] failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  });
}
