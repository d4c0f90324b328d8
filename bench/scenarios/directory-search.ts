import { loadavg } from 'node:os';
import { DataSource } from 'typeorm';
import { measure } from '../lib/load';
import { runEntry } from '../lib/run-entry';
import type { ResultTable, Scenario } from './types';

const QUERIES: Array<{ name: string; filter: string }> = [
  { name: 'text only ("forge")', filter: '{ text: "forge" }' },
  { name: 'radius only (20 km around Grenoble)', filter: '{ nearCommune: "38185", radiusKm: 20 }' },
  {
    name: 'text + radius 30 km + process',
    filter: '{ text: "méca", nearCommune: "38563", radiusKm: 30, processCodes: ["cnc-milling"] }',
  },
];

const body = (filter: string) =>
  JSON.stringify({
    query: `{ searchSuppliers(filter: ${filter}, first: 20) { edges { node { distanceKm organisation { id legalName } } } } }`,
  });

/**
 * Supplier search at scale (issue 3): BENCH_SEARCH_ORGANISATIONS (default 100 000) synthetic
 * organisations from the directory's own generator, written straight into the bench's directory
 * database by the directory's bulk-load entry point (services/directory/src/seed/bulk-load/main.ts), then each query measured at the subgraph and through the gateway.
 */
export const directorySearch: Scenario = {
  name: 'directory-search',
  description: 'supplier search at 100 000 organisations: text, radius, text+radius+process; subgraph and gateway',
  async run(ctx) {
    const count = Number(process.env.BENCH_SEARCH_ORGANISATIONS ?? 100_000);
    ctx.log(`directory-search: generating and writing ${count} organisations (the directory's bulk-load entry point)`);
    const directoryUrl = ctx.stack.postgres.urlFor('directory');
    const t0 = Date.now();
    await runEntry('services/directory/src/seed/bulk-load/main.ts', [String(count), '4242'], { DIRECTORY_DATABASE_URL: directoryUrl }, ctx.log);
    const dataSource = new DataSource({ type: 'postgres', url: directoryUrl });
    await dataSource.initialize();
    // As a production database would be after a bulk load: vacuumed (visibility map set, so the
    // first measurement does not race autovacuum), analysed, and checkpointed (so the first cell
    // does not share the disk with the checkpoint of the load).
    await dataSource.query('VACUUM (ANALYZE)');
    await dataSource.query('CHECKPOINT');
    const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM organisation');
    await dataSource.destroy();
    ctx.log(`directory-search: ${n} organisations in the directory (written in ${((Date.now() - t0) / 1000).toFixed(0)} s)`);

    const gatewayPort = ctx.config.ports.searchGateway;
    await ctx.launch({
      name: 'gateway-search',
      entry: 'services/gateway/src/main.ts',
      env: { OIDC_ISSUER: ctx.stack.keycloak.issuer, DIRECTORY_URL: ctx.directory.url, NODE_ENV: 'production', GATEWAY_PORT: String(gatewayPort) },
      healthUrl: `http://127.0.0.1:${gatewayPort}/healthz/live`,
    });
    const targets = [
      { name: 'directory subgraph', url: ctx.directory.url },
      { name: 'gateway', url: `http://127.0.0.1:${gatewayPort}/graphql` },
    ];
    // One connection gives the latency of a search on its own (the target); more connections show
    // how it degrades when searches queue for the same two cores as the load generator.
    const concurrencies = (process.env.BENCH_SEARCH_CONNECTIONS ?? '1,4').split(',').map(Number);
    // Issue 16, item 4: 4 connections paced at a fixed total rate, so the latency is that of
    // concurrent searches rather than of a closed loop saturating the cores the load generator
    // shares with the service (BENCH_SEARCH_RATE=0 leaves it out).
    const fixedRate = Number(process.env.BENCH_SEARCH_RATE ?? 100);
    // Every query through every target once before any cell is measured: the gateway has just
    // started (its planner and JIT warm up in the background), and each query's statements are
    // prepared per pooled connection. The figures are of a running service, not of its first seconds.
    for (const q of QUERIES) {
      for (const target of targets) await measure({ url: target.url, body: body(q.filter), connections: 4, durationS: 2, warmupS: 0 });
    }
    const tables: ResultTable[] = [];
    const cells: Array<{ connections: number; rate?: number }> = [...concurrencies.map((c) => ({ connections: c })), ...(fixedRate > 0 ? [{ connections: 4, rate: fixedRate }] : [])];
    for (const { connections, rate } of cells) {
      const rows: ResultTable['rows'] = [];
      for (const q of QUERIES) {
        const byTarget: Record<string, { p50Ms: number; p99Ms: number; rps: number; errors: number; non2xx: number }> = {};
        for (const target of targets) {
          const r = await measure({ url: target.url, body: body(q.filter), connections, durationS: ctx.config.durationS, warmupS: ctx.config.warmupS, overallRate: rate });
          byTarget[target.name] = r;
          rows.push([q.name, target.name, r.p50Ms, r.p99Ms, Math.round(r.rps), r.errors + r.non2xx]);
        }
        rows.push([q.name, 'gateway added (p50 / p99)', byTarget.gateway.p50Ms - byTarget['directory subgraph'].p50Ms, byTarget.gateway.p99Ms - byTarget['directory subgraph'].p99Ms, '', '']);
      }
      tables.push({
        title: `directory search at ${n} organisations (${connections} connection${connections > 1 ? 's' : ''}${rate ? ` paced at ${rate} req/s in all` : ''}, ${ctx.config.durationS} s per cell, load avg ${loadavg()[0].toFixed(1)} at the end)`,
        columns: ['query', 'target', 'p50 ms', 'p99 ms', 'req/s', 'errors'],
        rows,
        notes: ['Latency at the subgraph includes HTTP and GraphQL execution, not only SQL. Target: p99 < 20 ms at the service.'],
      });
    }
    return tables;
  },
};
