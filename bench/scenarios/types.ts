import type { LocalStack } from '@rim/local-stack';
import type { RunningService, ServiceSpec } from '@rim/scripts';
import type { BENCH } from '../lib/config';

/** What run.ts hands to every scenario once the stack, the directory service and the seed are up. */
export interface BenchContext {
  config: typeof BENCH;
  stack: LocalStack;
  /** The directory subgraph, launched once for all scenarios. */
  directory: { url: string; port: number; pid: number };
  /** Ids of the seeded organisations. */
  organisationIds: string[];
  /** A fresh access token of a demo user (password grant, client marketplace-tests). */
  token(username?: string): Promise<string>;
  /** Launches a process with scripts/lib/service-launcher; run.ts stops it at the end whatever happens. */
  launch(spec: ServiceSpec): Promise<RunningService>;
  log(line: string): void;
}

/** A table to print (and to paste into bench/RESULTS.md). */
export interface ResultTable {
  title: string;
  columns: string[];
  rows: Array<Array<string | number>>;
  notes?: string[];
}

/**
 * One benchmark scenario: a file in bench/scenarios/, registered in bench/scenarios/index.ts.
 * `run` must be bounded in count and time (run.ts also enforces a global time limit).
 */
export interface Scenario {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<ResultTable[]>;
}
