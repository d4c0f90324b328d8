import { Client } from 'pg';
import { haversineKm } from '@rim/geo';
import { mulberry32 as prng } from '@rim/seeded-random';
import { checkQuery, measure } from '../lib/load';
import { serviceSource } from '../lib/service-source';
import type { ResultTable, Scenario } from './types';

/** Towns of the Grenoble / Lyon / Savoie area the synthetic trips run between (lat, lon). */
const TOWNS: Array<[string, number, number]> = [
  ['Grenoble', 45.1885, 5.7245], ['Lyon', 45.764, 4.8357], ['Voiron', 45.3642, 5.5897], ['Chambéry', 45.5646, 5.9178],
  ['Annecy', 45.8992, 6.1294], ['Valence', 44.9334, 4.8924], ['Vienne', 45.5255, 4.8743], ['Saint-Étienne', 45.4397, 4.3872],
  ['Bourgoin-Jallieu', 45.5856, 5.2737], ['Romans-sur-Isère', 45.0436, 5.0514], ['Albertville', 45.6755, 6.3925],
  ['La Tour-du-Pin', 45.566, 5.4447], ['Crolles', 45.2847, 5.8839], ['Vizille', 45.0779, 5.7707], ['Saint-Marcellin', 45.1511, 5.3208],
  ['Bourg-en-Bresse', 46.2052, 5.2255], ['Villefranche-sur-Saône', 45.9897, 4.7188], ['Aix-les-Bains', 45.6885, 5.915],
  ['Montélimar', 44.5581, 4.7509], ['Die', 44.7536, 5.3703],
];
const VEHICLES = ['van-3.5t', 'van-3.5t', 'rigid-7.5t', 'rigid-12t', 'rigid-19t'];
const ZONES = ['AMBIENT', 'AMBIENT', 'AMBIENT', 'AMBIENT', 'AMBIENT', 'AMBIENT', 'AMBIENT', 'CHILLED', 'CHILLED', 'FROZEN'];
const BENCH_OWNER = '0b0b0b0b-0000-4000-8000-00000000b0b0';

const place = (rnd: () => number) => {
  const [label, lat, lon] = TOWNS[Math.floor(rnd() * TOWNS.length)];
  // Up to ~10 km around the town centre.
  return { latitude: lat + (rnd() - 0.5) * 0.18, longitude: lon + (rnd() - 0.5) * 0.25, communeInsee: null, label };
};

const gcKm = haversineKm;

/**
 * Writes `count` open trips straight into the logistics database (the API posts one trip per call
 * for the caller's organisation). Replaces the previous run's bench trips, so departures stay in
 * the coming week. Columns the service derives itself (e.g. a generated corridor) are left to it.
 */
export async function seedTrips(client: Client, count: number): Promise<void> {
  await client.query('DELETE FROM offer WHERE trip_id IN (SELECT id FROM trip WHERE owner_organisation_id = $1)', [BENCH_OWNER]);
  await client.query('DELETE FROM trip WHERE owner_organisation_id = $1', [BENCH_OWNER]);
  const rnd = prng(5005);
  const now = Date.now();
  const perBatch = 500;
  for (let start = 0; start < count; start += perBatch) {
    const values: string[] = [];
    const params: unknown[] = [];
    for (let i = start; i < Math.min(count, start + perBatch); i++) {
      const origin = place(rnd);
      let destination = place(rnd);
      while (gcKm(origin, destination) < 5) destination = place(rnd);
      const stops = rnd() < 0.3 ? [place(rnd)] : [];
      const pts = [origin, ...stops, destination];
      let km = 0;
      for (let k = 1; k < pts.length; k++) km += gcKm(pts[k - 1], pts[k]) * 1.3;
      const dep = new Date(now + 3_600_000 + Math.floor(rnd() * 7 * 24) * 3_600_000);
      const capacityPallets = 1 + Math.floor(rnd() * 18);
      const used = Math.floor(rnd() * capacityPallets);
      const row = [
        `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        BENCH_OWNER,
        VEHICLES[Math.floor(rnd() * VEHICLES.length)],
        JSON.stringify(origin),
        JSON.stringify(stops),
        JSON.stringify(destination),
        km,
        dep.toISOString(),
        new Date(dep.getTime() + 2 * 3_600_000).toISOString(),
        capacityPallets,
        capacityPallets - used,
        capacityPallets * 300,
        (capacityPallets - used) * 300,
        ZONES[Math.floor(rnd() * ZONES.length)],
        10 + Math.floor(rnd() * 30),
        20 + Math.floor(rnd() * 40),
      ];
      const b = params.length;
      values.push(
        `($${b + 1},$${b + 2},$${b + 3},$${b + 4}::jsonb,$${b + 5}::jsonb,$${b + 6}::jsonb,$${b + 7},$${b + 8}::timestamptz,$${b + 9}::timestamptz,` +
          `$${b + 10},0,$${b + 12},$${b + 11},0,$${b + 13},$${b + 14},'TAIL_LIFT',15,0,0,$${b + 15},$${b + 16},'FOOD',false,0,'OPEN')`,
      );
      params.push(...row);
    }
    await client.query(
      `INSERT INTO trip (id, owner_organisation_id, vehicle_type, origin, stops, destination, route_km, departure_earliest, departure_latest,
         capacity_pallets, capacity_crates, capacity_kg, remaining_pallets, remaining_crates, remaining_kg, temperature_zone, handling,
         price_per_pallet_eur, price_per_crate_eur, price_per_kg_eur, max_detour_km, max_detour_minutes, load_class, organic_only, own_load_kg, status)
       VALUES ${values.join(',')}`,
      params,
    );
  }
  await client.query('ANALYZE trip');
}

const day = (offsetDays: number, h: number) => {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  d.setUTCHours(h, 0, 0, 0);
  return d.toISOString();
};

const SHIPMENTS = [
  {
    name: 'ambient, 1 pallet Voiron -> Lyon, tomorrow',
    input: {
      pickup: { latitude: 45.3642, longitude: 5.5897, label: 'Voiron' },
      dropoff: { latitude: 45.764, longitude: 4.8357, label: 'Lyon' },
      pickupEarliest: day(1, 4), pickupLatest: day(1, 16), dropoffEarliest: day(1, 6), dropoffLatest: day(1, 22),
      quantities: { pallets: 1, crates: 0, kg: 250 }, declaredValueEur: 900,
    },
  },
  {
    name: 'chilled, 2 pallets Grenoble -> Chambéry, any day this week',
    input: {
      pickup: { latitude: 45.1885, longitude: 5.7245, label: 'Grenoble' },
      dropoff: { latitude: 45.5646, longitude: 5.9178, label: 'Chambéry' },
      pickupEarliest: day(0, 0), pickupLatest: day(7, 23), dropoffEarliest: day(0, 0), dropoffLatest: day(7, 23),
      quantities: { pallets: 2, crates: 0, kg: 500 }, declaredValueEur: 2400, temperatureZone: 'CHILLED',
    },
  },
];

const matchBody = (shipmentId: string) =>
  JSON.stringify({ query: `{ matchTrips(shipmentId: "${shipmentId}", first: 20) { trip { id } detourKm detourMinutes priceEur score } }` });

/**
 * Matching at scale (issue 5): BENCH_TRIPS (default 10 000) open trips between towns of the
 * Grenoble / Lyon / Savoie area, then "trips for this shipment" measured at the logistics subgraph
 * and through the gateway, with a real token.
 */
export const logisticsMatching: Scenario = {
  name: 'logistics-matching',
  description: 'matching a shipment against 10 000 open trips: subgraph and gateway',
  async run(ctx) {
    const count = Number(process.env.BENCH_TRIPS ?? 10_000);
    const url = ctx.stack.postgres.urlFor('logistics');
    // run.ts starts the stack with the directory's database only.
    const admin = new Client({ connectionString: ctx.stack.postgres.urlFor('postgres') });
    await admin.connect();
    const { rows } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'logistics'`);
    if (!rows.length) await admin.query('CREATE DATABASE logistics');
    await admin.end();

    const port = ctx.config.ports.logistics;
    const { entry, source } = serviceSource('logistics', ctx.log);
    ctx.log(`logistics-matching: launching the logistics subgraph (${entry}) on ${port}`);
    await ctx.launch({
      name: 'logistics',
      entry,
      env: {
        NODE_ENV: 'production',
        LOGISTICS_PORT: String(port),
        LOGISTICS_DATABASE_URL: url,
        KAFKA_BROKERS: ctx.stack.kafka.brokers.join(','),
        OIDC_ISSUER: ctx.stack.keycloak.issuer,
      },
      healthUrl: `http://127.0.0.1:${port}/healthz`,
    });
    const client = new Client({ connectionString: url });
    await client.connect();
    const t0 = Date.now();
    await seedTrips(client, count);
    const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM trip WHERE status = 'OPEN' AND departure_latest > now()`)).rows;
    ctx.log(`logistics-matching: ${n} open trips (written in ${((Date.now() - t0) / 1000).toFixed(0)} s)`);

    const gatewayPort = ctx.config.ports.logisticsGateway;
    await ctx.launch({
      name: 'gateway-logistics',
      entry: 'services/gateway/src/main.ts',
      env: {
        OIDC_ISSUER: ctx.stack.keycloak.issuer,
        DIRECTORY_URL: ctx.directory.url,
        LOGISTICS_URL: `http://127.0.0.1:${port}/graphql`,
        NODE_ENV: 'production',
        GATEWAY_PORT: String(gatewayPort),
      },
      healthUrl: `http://127.0.0.1:${gatewayPort}/healthz/live`,
    });
    const subgraph = `http://127.0.0.1:${port}/graphql`;
    const targets = [
      { name: 'logistics subgraph', url: subgraph },
      { name: 'gateway', url: `http://127.0.0.1:${gatewayPort}/graphql` },
    ];
    const tableRows: ResultTable['rows'] = [];
    for (const s of SHIPMENTS) {
      const headers = { authorization: `Bearer ${await ctx.token('alice')}` };
      const created = (await checkQuery(
        subgraph,
        JSON.stringify({ query: 'mutation R($input: RequestShipmentInput!) { requestShipment(input: $input) { id } }', variables: { input: s.input } }),
        headers,
      )) as { requestShipment: { id: string } };
      const body = matchBody(created.requestShipment.id);
      const first = (await checkQuery(subgraph, body, headers)) as { matchTrips: unknown[] };
      ctx.log(`logistics-matching: "${s.name}" matches ${first.matchTrips.length} trips (first 20 shown)`);
      const byTarget: Record<string, { p50Ms: number; p99Ms: number }> = {};
      for (const target of targets) {
        // A fresh token per cell: access tokens live 5 minutes.
        const auth = { authorization: `Bearer ${await ctx.token('alice')}` };
        await checkQuery(target.url, body, auth);
        const r = await measure({ url: target.url, body, headers: auth, connections: 4, durationS: ctx.config.durationS, warmupS: ctx.config.warmupS });
        byTarget[target.name] = r;
        tableRows.push([s.name, target.name, first.matchTrips.length, r.p50Ms, r.p99Ms, Math.round(r.rps), r.errors + r.non2xx]);
      }
      tableRows.push([s.name, 'gateway added (p50 / p99)', '', byTarget.gateway.p50Ms - byTarget['logistics subgraph'].p50Ms, byTarget.gateway.p99Ms - byTarget['logistics subgraph'].p99Ms, '', '']);
    }
    await client.end();
    return [
      {
        title: `matchTrips at ${n} open trips (4 connections, ${ctx.config.durationS} s per cell)`,
        columns: ['shipment', 'target', 'matches', 'p50 ms', 'p99 ms', 'req/s', 'errors'],
        rows: tableRows,
        notes: [
          'Latency at the subgraph includes HTTP, token verification and GraphQL execution, not only SQL and the detour computation.',
          `Logistics service: ${source}.`,
        ],
      },
    ];
  },
};
