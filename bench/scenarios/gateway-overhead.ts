import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { checkQuery } from '../lib/load';
import { cpuSeconds } from '../lib/proc';
import { serviceProbe, summariseProfile } from '../lib/service-probe';
import type { ResultTable, Scenario } from './types';

const BY_ID = `query One($id: ID!) { organisation(id: $id) { id legalName siren nafCode sizeBand tier } }`;
/** Rounds per query: the two targets alternate, a short slice each, so both see the same machine. */
const ROUNDS = Number(process.env.BENCH_GATEWAY_OVERHEAD_ROUNDS ?? 6);

/** One keep-alive connection, one request at a time, for `seconds`: each latency in ms, to the microsecond (autocannon rounds to 1 ms). */
async function closedLoop(url: string, body: string, headers: Record<string, string>, seconds: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const target = new URL(url);
  const out: number[] = [];
  const stopAt = performance.now() + seconds * 1000;
  try {
    while (performance.now() < stopAt) {
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (text += c));
          res.on('end', () => (res.statusCode === 200 && !text.includes('"errors"') ? resolve() : reject(new Error(`${url}: HTTP ${res.statusCode} ${text.slice(0, 200)}`))));
        });
        req.on('error', reject);
        req.end(body);
      });
      out.push(performance.now() - t0);
    }
  } finally {
    agent.destroy();
  }
  return out;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * Gateway overhead (issue 16, item 3): the same query at one connection, directly at the directory
 * subgraph and through services/gateway (Hive Gateway, Rust planner), in alternating slices of
 * slices of BENCH_DURATION_S / ROUNDS in the same run; p50 and p99 of each and the difference,
 * the gateway's CPU per request, the load average. BENCH_CPU_PROFILE=1 adds the gateway process's
 * CPU profile of each query's measured slices (self time by package and by function).
 */
export const gatewayOverhead: Scenario = {
  name: 'gateway-overhead',
  description: 'one connection, same query: directory subgraph direct vs through the gateway (Rust planner), alternating slices in one run; added p50/p99, gateway CPU per request',
  async run(ctx) {
    const port = ctx.config.ports.hiveGatewayRust;
    const stateDir = ctx.config.stack.STACK_TEST_STATE_DIR;
    const profileDir =
      process.env.BENCH_CPU_PROFILE === '1' ? join(stateDir, 'cpu-profiles', `gateway-${new Date().toISOString().replace(/[:.]/g, '-')}`) : undefined;
    const probe = profileDir ? serviceProbe('gateway-overhead', stateDir, profileDir) : undefined;
    const gateway = await ctx.launch({
      name: 'gateway-overhead',
      entry: 'services/gateway/src/main.ts',
      env: { ...probe?.env, NODE_ENV: 'production', OIDC_ISSUER: ctx.stack.keycloak.issuer, DIRECTORY_URL: ctx.directory.url, GATEWAY_QUERY_PLANNER: 'rust', GATEWAY_PORT: String(port) },
      healthUrl: `http://127.0.0.1:${port}/healthz/live`,
    });
    const gatewayUrl = `http://127.0.0.1:${port}/graphql`;
    const body = JSON.stringify({ query: BY_ID, variables: { id: ctx.organisationIds[Math.floor(ctx.organisationIds.length / 2)] } });
    const token = await ctx.token('alice');
    const cases = [
      { name: 'organisation(id), anonymous', headers: {} as Record<string, string> },
      { name: 'organisation(id), Bearer token', headers: { authorization: `Bearer ${token}` } },
    ];
    const rows: ResultTable['rows'] = [];
    const profileTables: ResultTable[] = [];
    for (const c of cases) {
      const direct = await checkQuery(ctx.directory.url, body, c.headers);
      const through = await checkQuery(gatewayUrl, body, c.headers);
      if (JSON.stringify(direct) !== JSON.stringify(through)) throw new Error(`gateway-overhead: the gateway answers ${c.name} differently from the subgraph`);
      // Warm both (JIT, plan cache, connection pools) before the first measured slice.
      await closedLoop(ctx.directory.url, body, c.headers, ctx.config.warmupS);
      await closedLoop(gatewayUrl, body, c.headers, ctx.config.warmupS);
      const slice = ctx.config.durationS / ROUNDS;
      const lat = { direct: [] as number[], gateway: [] as number[] };
      let gatewayCpu = 0;
      // The profile covers the measured slices (direct slices included: the gateway idles then).
      // The segment this read starts is the one the read after the slices writes out.
      const segment = (await probe?.read())?.profiles ?? 0;
      const load0 = loadavg()[0];
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate which goes first, so a drift in the machine's load falls on both.
        const order = round % 2 === 0 ? (['direct', 'gateway'] as const) : (['gateway', 'direct'] as const);
        for (const which of order) {
          const cpu0 = cpuSeconds(gateway.pid);
          lat[which].push(...(await closedLoop(which === 'direct' ? ctx.directory.url : gatewayUrl, body, c.headers, slice)));
          if (which === 'gateway') gatewayCpu += cpuSeconds(gateway.pid) - cpu0;
        }
      }
      const load1 = loadavg()[0];
      const counts = await probe?.read();
      const d = [...lat.direct].sort((a, b) => a - b);
      const g = [...lat.gateway].sort((a, b) => a - b);
      rows.push([c.name, d.length, g.length, pct(d, 50).toFixed(2), pct(g, 50).toFixed(2), `+${(pct(g, 50) - pct(d, 50)).toFixed(2)}`, pct(d, 99).toFixed(2), pct(g, 99).toFixed(2), `+${(pct(g, 99) - pct(d, 99)).toFixed(2)}`, ((gatewayCpu * 1000) / g.length).toFixed(2), `${load0.toFixed(1)} -> ${load1.toFixed(1)}`]);
      if (profileDir && counts) {
        const file = join(profileDir, `${segment}.cpuprofile`);
        const summary = summariseProfile(file, 15);
        const per = (ms: number) => (ms / g.length).toFixed(3);
        profileTables.push({
          title: `CPU profile of the gateway, ${c.name}: ${summary.totalMs.toFixed(0)} ms sampled over ${g.length} requests (${per(summary.totalMs)} ms per request)`,
          columns: ['self time by package', 'ms', 'ms/request', 'self time by function', 'ms', 'ms/request'],
          rows: summary.packages.map((p, i) => [p[0], p[1].toFixed(0), per(p[1]), summary.functions[i]?.[0] ?? '', summary.functions[i]?.[1].toFixed(0) ?? '', summary.functions[i] ? per(summary.functions[i][1]) : '']),
          notes: [file],
        });
      }
    }
    return [
      {
        title: `gateway overhead at one connection (${ROUNDS} alternating slices of ${(ctx.config.durationS / ROUNDS).toFixed(1)} s per target)`,
        columns: ['query', 'requests direct', 'requests via gateway', 'direct p50 ms', 'gateway p50 ms', 'added p50 ms', 'direct p99 ms', 'gateway p99 ms', 'added p99 ms', 'gateway CPU ms/request', 'load avg 1 min'],
        rows,
        notes: ['Latency measured by the bench with performance.now() around each request on one keep-alive connection (node:http); the client\'s own cost is the same for both targets.', 'Gateway: services/gateway/src/main.ts, NODE_ENV=production, GATEWAY_QUERY_PLANNER=rust; the directory subgraph of run.ts behind it.'],
      },
      ...profileTables,
    ];
  },
};
