/**
 * `npm run bench` (node -r @swc-node/register bench/run.ts [scenario ...]).
 *
 * Starts the local stack (profile `test`, every port and the state dir overridden: see
 * bench/lib/config.ts), launches the directory subgraph, inserts a few hundred organisations into
 * its database, runs the registered scenarios (bench/scenarios/index.ts) and prints their tables.
 * Everything is bounded: each measurement by autocannon's duration, the whole run by
 * BENCH_TIMEOUT_S, after which every process started here is stopped and the exit code is 1.
 *
 * Environment: BENCH_RUNS (2), BENCH_DURATION_S (10), BENCH_WARMUP_S (3), BENCH_CONNECTIONS (10),
 * BENCH_ORGANISATIONS (300), BENCH_HIVE_JS=0 to skip the Hive JS planner, BENCH_<SERVICE>_SOURCE
 * = head (default) | worktree | <commit> (see bench/lib/service-source.ts), and the ports.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { ALL_TOPICS } from '@rim/contracts';
import { installShutdownHooks, startLocalStack } from '@rim/local-stack';
import { launchService, type RunningService } from '@rim/scripts';
import { accessToken } from '@rim/testing';
import { BENCH } from './lib/config';
import { seedOrganisations } from './lib/seed';
import { serviceSource } from './lib/service-source';
import { SCENARIOS } from './scenarios';
import type { BenchContext, ResultTable } from './scenarios/types';

// The stack reads its ports and state dir from the environment when it starts (not when it is
// loaded): set them before anything starts.
Object.assign(process.env, BENCH.stack);

const log = (line: string) => console.log(`[bench] ${line}`);

function table(t: ResultTable): string {
  const head = `| ${t.columns.join(' | ')} |\n|${t.columns.map(() => '---').join('|')}|`;
  const body = t.rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
  const notes = (t.notes ?? []).map((n) => `\n> ${n}`).join('');
  return `### ${t.title}\n\n${head}\n${body}\n${notes}\n`;
}

function machine(): string {
  const model = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? '?';
  return `${cpus().length} CPUs (${model}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}`;
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const scenarios = wanted.length ? SCENARIOS.filter((s) => wanted.includes(s.name)) : SCENARIOS;
  if (scenarios.length === 0) {
    console.error(`unknown scenario(s) ${wanted.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
    return 2;
  }
  const started: RunningService[] = [];
  // If this process dies without a clean stop, do not leave services behind.
  process.on('exit', () => {
    for (const s of started) {
      try {
        process.kill(s.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
  const stopStacks = installShutdownHooks((l) => log(l));
  const stopAll = async () => {
    await Promise.all(started.splice(0).map((s) => s.stop().catch(() => undefined)));
    await stopStacks();
  };
  const deadline = setTimeout(() => {
    log(`time limit of ${BENCH.totalTimeoutS} s reached: stopping everything`);
    void stopAll().finally(() => process.exit(1));
  }, BENCH.totalTimeoutS * 1000);

  const t0 = Date.now();
  try {
    log(`machine: ${machine()}`);
    log(`state dir ${BENCH.stack.STACK_TEST_STATE_DIR}; postgres ${BENCH.stack.STACK_TEST_POSTGRES_PORT}, kafka ${BENCH.stack.STACK_TEST_KAFKA_PORT}, keycloak ${BENCH.stack.STACK_TEST_KEYCLOAK_PORT}`);
    const stack = await startLocalStack({ profile: 'test', services: ['directory'], topics: [...ALL_TOPICS] });
    process.env.OIDC_ISSUER = stack.keycloak.issuer;
    const launch = async (spec: Parameters<typeof launchService>[0]) => {
      const s = await launchService(spec, BENCH.logDir);
      started.push(s);
      return s;
    };
    const port = BENCH.ports.directory;
    const { entry } = serviceSource('directory', log);
    log(`launching the directory subgraph (${entry}) on ${port}`);
    const directory = await launch({
      name: 'directory',
      entry,
      env: {
        NODE_ENV: 'production',
        DIRECTORY_PORT: String(port),
        DIRECTORY_DATABASE_URL: stack.postgres.urlFor('directory'),
        KAFKA_BROKERS: stack.kafka.brokers.join(','),
        OIDC_ISSUER: stack.keycloak.issuer,
      },
      healthUrl: `http://127.0.0.1:${port}/healthz`,
    });
    const organisationIds = await seedOrganisations(stack.postgres.urlFor('directory'), BENCH.organisations);
    log(`seeded ${organisationIds.length} organisations into the directory database`);

    const ctx: BenchContext = {
      config: BENCH,
      stack,
      directory: { url: `http://127.0.0.1:${port}/graphql`, port, pid: directory.pid },
      organisationIds,
      token: (username = 'alice') => accessToken(username),
      launch,
      log,
    };

    const out: string[] = [`# bench ${new Date().toISOString()}\n\n${machine()}\n`];
    for (const scenario of scenarios) {
      log(`scenario ${scenario.name}: ${scenario.description}`);
      const tables = await scenario.run(ctx);
      out.push(`## ${scenario.name}\n\n${scenario.description}\n\n${tables.map(table).join('\n')}`);
    }
    const report = out.join('\n');
    console.log(`\n${report}`);
    const file = join(BENCH.stack.STACK_TEST_STATE_DIR, 'last-run.md');
    writeFileSync(file, report);
    log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s; tables also in ${file}; service logs in ${BENCH.logDir}`);
    return 0;
  } catch (error) {
    console.error(`[bench] failed: ${error instanceof Error ? error.stack : String(error)}`);
    return 1;
  } finally {
    log('stopping services and stack');
    await stopAll();
    clearTimeout(deadline);
  }
}

void main().then((code) => process.exit(code));
