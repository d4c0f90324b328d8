import { checkQuery, measure, type LoadResult } from '../lib/load';
import { cpuSeconds, rssMiB } from '../lib/proc';
import type { BenchContext, ResultTable, Scenario } from './types';

interface Target {
  name: string;
  url: string;
  /** pid of the gateway process (none for the direct subgraph). */
  pid?: number;
}

interface Query {
  name: string;
  body: (ctx: BenchContext) => string;
  authenticated: boolean;
}

const LIST = `{ organisations(first: 20) { edges { node { id legalName siren tier } } } }`;
const BY_ID = `query One($id: ID!) { organisation(id: $id) { id legalName siren nafCode sizeBand tier } }`;

const QUERIES: Query[] = [
  { name: 'organisations(first:20), anonymous', authenticated: false, body: () => JSON.stringify({ query: LIST }) },
  {
    name: 'organisation(id), Bearer token',
    authenticated: true,
    // a seeded organisation in the middle of the table
    body: (ctx) =>
      JSON.stringify({ query: BY_ID, variables: { id: ctx.organisationIds[Math.floor(ctx.organisationIds.length / 2)] } }),
  },
];

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');
const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '-');
const plus = (n: number) => (Number.isFinite(n) ? `${n >= 0 ? '+' : ''}${n.toFixed(1)}` : '-');

/**
 * Which federation gateway to keep: the same queries against the directory subgraph directly
 * (baseline), Apollo Gateway (bench/apollo-gateway.ts, services/gateway before the switch) and
 * Hive Gateway (services/gateway as it runs) over the same composed supergraph, with the Rust
 * query planner and (for reference) the JS planner.
 *
 * The gateway sends every subgraph request a correlation id, new for each client request that
 * has none, so the HTTP executor's deduplication of identical in-flight subgraph queries (keyed
 * on body and headers) never merges two client requests here: the comparison is like for like.
 */
export const gatewayChoice: Scenario = {
  name: 'gateway-choice',
  description: 'directory subgraph direct vs Apollo Gateway vs Hive Gateway (services/gateway; Rust planner, JS planner)',
  async run(ctx) {
    const { ports } = ctx.config;
    const common = {
      OIDC_ISSUER: ctx.stack.keycloak.issuer,
      DIRECTORY_URL: ctx.directory.url,
    };
    ctx.log('launching Apollo Gateway (bench/apollo-gateway.ts, the gateway before the switch)');
    const apollo = await ctx.launch({
      name: 'apollo-gateway',
      entry: 'bench/apollo-gateway.ts',
      env: { ...common, NODE_ENV: 'production', GATEWAY_PORT: String(ports.apolloGateway) },
      healthUrl: `http://127.0.0.1:${ports.apolloGateway}/healthz`,
    });
    ctx.log('launching Hive Gateway, Rust query planner (services/gateway/src/main.ts)');
    const hiveRust = await ctx.launch({
      name: 'hive-gateway-rust',
      entry: 'services/gateway/src/main.ts',
      env: { ...common, NODE_ENV: 'production', GATEWAY_QUERY_PLANNER: 'rust', GATEWAY_PORT: String(ports.hiveGatewayRust) },
      healthUrl: `http://127.0.0.1:${ports.hiveGatewayRust}/healthz/live`,
    });
    const targets: Target[] = [
      { name: 'directory subgraph (direct)', url: ctx.directory.url },
      { name: 'Apollo Gateway 2.14', url: `http://127.0.0.1:${ports.apolloGateway}/graphql`, pid: apollo.pid },
      { name: 'Hive Gateway, Rust planner', url: `http://127.0.0.1:${ports.hiveGatewayRust}/graphql`, pid: hiveRust.pid },
    ];
    if (process.env.BENCH_HIVE_JS !== '0') {
      ctx.log('launching Hive Gateway, JS query planner (services/gateway/src/main.ts, GATEWAY_QUERY_PLANNER=js)');
      const hiveJs = await ctx.launch({
        name: 'hive-gateway-js',
        entry: 'services/gateway/src/main.ts',
        env: { ...common, NODE_ENV: 'production', GATEWAY_QUERY_PLANNER: 'js', GATEWAY_PORT: String(ports.hiveGatewayJs) },
        healthUrl: `http://127.0.0.1:${ports.hiveGatewayJs}/healthz/live`,
      });
      targets.push({ name: 'Hive Gateway, JS planner', url: `http://127.0.0.1:${ports.hiveGatewayJs}/graphql`, pid: hiveJs.pid });
    }
    const rssAtStart = new Map(targets.map((t) => [t.name, t.pid ? rssMiB(t.pid) : Number.NaN]));
    const cpu = new Map<string, { seconds: number; requests: number }>(targets.map((t) => [t.name, { seconds: 0, requests: 0 }]));

    // Same answer everywhere before any load: a gateway that errors fast would look fast.
    for (const q of QUERIES) {
      const token = await ctx.token('alice');
      const answers = [];
      for (const t of targets) {
        answers.push(JSON.stringify(await checkQuery(t.url, q.body(ctx), q.authenticated ? { authorization: `Bearer ${token}` } : {})));
      }
      if (new Set(answers).size !== 1) throw new Error(`targets disagree on "${q.name}": ${answers.map((a) => a.slice(0, 120)).join(' | ')}`);
    }

    const tables: ResultTable[] = [];
    const { connections, durationS, warmupS } = ctx.config;
    for (let run = 1; run <= ctx.config.runs; run++) {
      const rows: ResultTable['rows'] = [];
      for (const q of QUERIES) {
        const results = new Map<string, LoadResult>();
        // rotate the order of the gateways on each run, the direct baseline always first
        const gateways = targets.slice(1);
        const rotated = [targets[0], ...gateways.slice((run - 1) % gateways.length), ...gateways.slice(0, (run - 1) % gateways.length)];
        for (const t of rotated) {
          // a fresh token per measurement (Keycloak access tokens are short-lived)
          const headers: Record<string, string> = q.authenticated ? { authorization: `Bearer ${await ctx.token('alice')}` } : {};
          ctx.log(`run ${run}: ${q.name} -> ${t.name} (${warmupS} s warm-up + ${durationS} s, ${connections} connections)`);
          const cpu0 = t.pid ? cpuSeconds(t.pid) : 0;
          const r = await measure({ url: t.url, body: q.body(ctx), headers, connections, durationS: durationS, warmupS });
          if (t.pid) {
            // CPU of the warm-up counts too: divide by every request sent (warm-up estimated at the same rate)
            const c = cpu.get(t.name)!;
            c.seconds += cpuSeconds(t.pid) - cpu0;
            c.requests += r.total * (1 + warmupS / durationS);
          }
          results.set(t.name, r);
        }
        const base = results.get(targets[0].name)!;
        for (const t of targets) {
          const r = results.get(t.name)!;
          rows.push([
            q.name,
            t.name,
            f1(r.p50Ms),
            f1(r.p99Ms),
            f0(r.rps),
            t === targets[0] ? '-' : plus(r.p50Ms - base.p50Ms),
            t === targets[0] ? '-' : plus(r.p99Ms - base.p99Ms),
            `${r.errors}/${r.non2xx}`,
          ]);
        }
      }
      tables.push({
        title: `gateway choice, run ${run} of ${ctx.config.runs}`,
        columns: ['query', 'target', 'p50 ms', 'p99 ms', 'req/s', 'added p50 ms', 'added p99 ms', 'errors/non-2xx'],
        rows,
      });
    }

    tables.push({
      title: 'gateway processes after the runs',
      columns: ['gateway', 'RSS at start MiB', 'RSS after runs MiB', 'gateway CPU ms per request'],
      rows: targets
        .filter((t) => t.pid)
        .map((t) => {
          const c = cpu.get(t.name)!;
          return [t.name, f0(rssAtStart.get(t.name)!), f0(rssMiB(t.pid!)), (c.requests ? (c.seconds * 1000) / c.requests : Number.NaN).toFixed(2)];
        }),
      notes: [
        'autocannon runs in the bench process on the same 2 cores as the gateway and the subgraph: figures are relative, not capacity.',
        'CPU ms per request: user+system time of the gateway process over the load (warm-up included), from /proc/<pid>/stat.',
      ],
    });
    return tables;
  },
};
