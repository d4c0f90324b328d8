/**
 * The `free-slots` scenario (bench/scenarios/free-slots.ts) against an existing stack instead of
 * the bench's own: DATABASE_URL (its server; the scenario drops and refills its own database,
 * `booking_free_slots`), KAFKA_BROKERS, OIDC_ISSUER. For a loaded shared machine where starting a
 * second Keycloak takes minutes, and to compare two commits back to back on the same data:
 *
 *   BENCH_BOOKING_SOURCE=<commit> node -r @swc-node/register bench/standalone/free-slots-on-stack.ts
 *
 * The booking subgraph listens on 4608 + TEST_PORT_SHIFT; it is taken as ready once live (its
 * inbox consumer may wait for topics the shared broker lacks: freeSlots does not use them).
 * BENCH_DURATION_S (8), BENCH_WARMUP_S (2) and BENCH_CPU_PROFILE=1 as for the bench.
 */
import { launchService, type RunningService } from '@rim/scripts';
import { required } from '@rim/testing';
import { BENCH } from '../lib/config';
import { freeSlots } from '../scenarios/free-slots';
import type { BenchContext } from '../scenarios/types';

async function main(): Promise<void> {
  const server = new URL(required('DATABASE_URL'));
  const stateDir = `${BENCH.stack.STACK_TEST_STATE_DIR}-on-stack`;
  const started: RunningService[] = [];
  const ctx = {
    config: {
      ...BENCH,
      ports: { ...BENCH.ports, booking: 4608 + Number(process.env.TEST_PORT_SHIFT ?? 0) },
      durationS: Number(process.env.BENCH_DURATION_S ?? 8),
      warmupS: Number(process.env.BENCH_WARMUP_S ?? 2),
      stack: { ...BENCH.stack, STACK_TEST_STATE_DIR: stateDir },
    },
    stack: {
      postgres: { urlFor: (db: string) => Object.assign(new URL(server), { pathname: `/${db}` }).toString() },
      kafka: { brokers: required('KAFKA_BROKERS').split(',') },
      keycloak: { issuer: required('OIDC_ISSUER') },
    },
    launch: async (spec: Parameters<typeof launchService>[0]) => {
      const s = await launchService({ ...spec, healthUrl: `${spec.healthUrl}/live` }, `${stateDir}/logs`);
      started.push(s);
      return s;
    },
    log: (line: string) => console.log(`[free-slots] ${line}`),
  } as unknown as BenchContext;
  try {
    for (const t of await freeSlots.run(ctx)) {
      console.log(`\n### ${t.title}\n\n| ${t.columns.join(' | ')} |\n|${t.columns.map(() => '---').join('|')}|`);
      for (const r of t.rows) console.log(`| ${r.join(' | ')} |`);
      for (const n of t.notes ?? []) console.log(`\n> ${n}`);
    }
  } finally {
    for (const s of started) await s.stop();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
