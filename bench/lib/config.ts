import { resolve } from 'node:path';

/** Repository root. */
export const ROOT = resolve(__dirname, '..', '..');

const num = (name: string, dflt: number): number => {
  const v = process.env[name];
  return v ? Number.parseInt(v, 10) : dflt;
};

/**
 * Ports of the benchmark. The stack runs with the `test` profile but every port and the state dir
 * are overridden (through the STACK_TEST_* variables infra/local/stack.ts reads), so a bench run
 * never clashes with a test stack another engineer is running. Each can be overridden again.
 */
export const BENCH = {
  stack: {
    STACK_TEST_POSTGRES_PORT: String(num('BENCH_POSTGRES_PORT', 56433)),
    STACK_TEST_KAFKA_PORT: String(num('BENCH_KAFKA_PORT', 39092)),
    STACK_TEST_KAFKA_CONTROLLER_PORT: String(num('BENCH_KAFKA_CONTROLLER_PORT', 39093)),
    STACK_TEST_KEYCLOAK_PORT: String(num('BENCH_KEYCLOAK_PORT', 38080)),
    STACK_TEST_KEYCLOAK_MANAGEMENT_PORT: String(num('BENCH_KEYCLOAK_MANAGEMENT_PORT', 39000)),
    STACK_TEST_STATE_DIR: process.env.BENCH_STATE_DIR ?? resolve(ROOT, '.local', 'bench'),
  },
  ports: {
    apolloGateway: num('BENCH_APOLLO_GATEWAY_PORT', 4600),
    directory: num('BENCH_DIRECTORY_PORT', 4601),
    hiveGatewayRust: num('BENCH_HIVE_GATEWAY_PORT', 4602),
    hiveGatewayJs: num('BENCH_HIVE_GATEWAY_JS_PORT', 4603),
    booking: num('BENCH_BOOKING_PORT', 4608),
    bookingGateway: num('BENCH_BOOKING_GATEWAY_PORT', 4609),
    logistics: num('BENCH_LOGISTICS_PORT', 4605),
    logisticsGateway: num('BENCH_LOGISTICS_GATEWAY_PORT', 4606),
    searchGateway: num('BENCH_SEARCH_GATEWAY_PORT', 4607),
  },
  /** Organisations inserted into the directory database. */
  organisations: num('BENCH_ORGANISATIONS', 300),
  /** autocannon settings, per target and query. */
  connections: num('BENCH_CONNECTIONS', 10),
  durationS: num('BENCH_DURATION_S', 10),
  warmupS: num('BENCH_WARMUP_S', 3),
  /** How many times each scenario is repeated (the machine is noisy: report every run). */
  runs: num('BENCH_RUNS', 2),
  /** Hard limit of a whole `npm run bench`: past it, everything is stopped and the process exits 1. */
  totalTimeoutS: num('BENCH_TIMEOUT_S', 1500),
  logDir: resolve(process.env.BENCH_STATE_DIR ?? resolve(ROOT, '.local', 'bench'), 'service-logs'),
} as const;
