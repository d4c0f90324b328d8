import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Principal } from '@rim/auth';
import { messagingEntities, OutboxWriter } from '@rim/messaging';
import { openAndMigrate, serviceDataSourceOptions } from '@rim/persistence';
import { createScratchDatabase } from '@rim/testing';
import { GreatCircleRoadDistance } from '../src/geo/road-distance';
import { logisticsEntities } from '../src/entities';
import { logisticsMigrations } from '../src/migrations';
import { ShipmentsService } from '../src/shipments/shipments.service';

const CLIENTS = 50;
const ATTEMPTS = 10_000;
const CAPACITIES = [5, 3, 7, 4, 6]; // pallets per trip: small, so almost every attempt contends
const OWNER = '44444444-4444-4444-8444-444444444444';
const SHIPPER = '11111111-1111-4111-8111-111111111111';

/** Runs `attempts` jobs over `clients` concurrent workers; returns outcome counts. */
async function hammer(clients: number, attempts: number, job: (i: number) => Promise<'accepted' | 'refused'>) {
  let next = 0;
  const tally = { accepted: 0, refused: 0, errors: 0 };
  const firstErrors: string[] = [];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < attempts; i = next++) {
        try {
          tally[await job(i)]++;
        } catch (e) {
          tally.errors++;
          if (firstErrors.length < 3) firstErrors.push(String(e));
        }
      }
    }),
  );
  return { ...tally, firstErrors };
}

describe('trip capacity is never oversold, under 50 concurrent clients and 10 000 acceptances', () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  let tripIds: string[];
  let offerIds: string[];

  beforeAll(async () => {
    const db = await createScratchDatabase('logistics_oversell');
    drop = db.drop;
    ds = await openAndMigrate(
      new DataSource(
        serviceDataSourceOptions({
          url: db.url,
          entities: [...logisticsEntities, ...messagingEntities],
          migrations: logisticsMigrations,
          applicationName: 'logistics-oversell-test',
          poolSize: CLIENTS + 5,
        }),
      ),
    );
    tripIds = CAPACITIES.map(() => randomUUID());
    for (const [i, id] of tripIds.entries()) {
      await ds.query(
        `INSERT INTO trip (id, owner_organisation_id, vehicle_type, origin, destination, route_km, departure_earliest, departure_latest,
           capacity_pallets, capacity_crates, capacity_kg, remaining_pallets, remaining_crates, remaining_kg,
           temperature_zone, handling, max_detour_km, max_detour_minutes, load_class, own_load_kg)
         VALUES ($1, $2, 'rigid-7.5t', '{"latitude":45.1885,"longitude":5.7245}', '{"latitude":45.764,"longitude":4.8357}', 124,
           now() + interval '1 day', now() + interval '2 days', $3, 0, 100000, $3, 0, 100000, 'AMBIENT', 'NONE', 20, 30, 'FOOD', 0)`,
        [id, OWNER, CAPACITIES[i]],
      );
    }
    // One pending offer per attempt: 1 or 2 pallets each, spread over the trips.
    await ds.query(
      `INSERT INTO shipment_request (id, shipper_organisation_id, pickup, dropoff, pickup_earliest, pickup_latest, dropoff_earliest, dropoff_latest,
         pallets, crates, kg, declared_value_eur, temperature_zone, load_class, leg_km)
       SELECT md5('s' || g)::uuid, $1, '{"latitude":45.1885,"longitude":5.7245}', '{"latitude":45.764,"longitude":4.8357}',
              now(), now() + interval '3 days', now(), now() + interval '3 days', 1 + g % 2, 0, 10, 500, 'AMBIENT', 'FOOD', 124
         FROM generate_series(1, $2) g`,
      [SHIPPER, ATTEMPTS],
    );
    await ds.query(
      `INSERT INTO offer (id, shipment_id, trip_id, price_eur, expires_at)
       SELECT md5('o' || g)::uuid, md5('s' || g)::uuid, ($2::uuid[])[1 + g % $3], 20, now() + interval '1 day'
         FROM generate_series(1, $1) g`,
      [ATTEMPTS, tripIds, tripIds.length],
    );
    offerIds = (await ds.query(`SELECT id FROM offer ORDER BY random()`)).map((r: { id: string }) => r.id);
  }, 120_000);

  afterAll(async () => {
    await ds?.destroy();
    await drop?.();
  });

  it('service acceptances: 0 oversold trips counted by SQL; naive read-then-write twin: oversells', async () => {
    const service = new ShipmentsService(ds, new OutboxWriter('logistics'), new GreatCircleRoadDistance(), { offerTtlHours: 48 });
    const principal: Principal = { userId: 'dan', organisationId: OWNER, roles: new Set(['carrier', 'member']), token: '', expiresAt: new Date(Date.now() + 3_600_000) };
    const ctx = { principal, correlationId: randomUUID() };

    const t0 = Date.now();
    const safe = await hammer(CLIENTS, ATTEMPTS, async (i) => {
      try {
        await service.acceptOffer(ctx, offerIds[i]);
        return 'accepted';
      } catch (e) {
        if ((e as { extensions?: { code?: string } }).extensions?.code === 'CONFLICT') return 'refused';
        throw e;
      }
    });
    const safeMs = Date.now() - t0;
    const [safeCount] = await ds.query(`
      SELECT count(*)::int AS oversold FROM trip t
       WHERE (SELECT coalesce(sum(s.pallets), 0) FROM offer o JOIN shipment_request s ON s.id = o.shipment_id
               WHERE o.trip_id = t.id AND o.status = 'ACCEPTED') > t.capacity_pallets`);
    const [ledger] = await ds.query(`
      SELECT count(*) FILTER (WHERE remaining_pallets < 0)::int AS negative,
             sum(capacity_pallets - remaining_pallets)::int AS reserved,
             (SELECT sum(s.pallets)::int FROM offer o JOIN shipment_request s ON s.id = o.shipment_id WHERE o.status = 'ACCEPTED') AS accepted_pallets
        FROM trip`);

    // Negative control: the same load on a twin table without the CHECK, read in one statement, written in another.
    await ds.query(`CREATE TABLE trip_naive (id uuid PRIMARY KEY, capacity_pallets int NOT NULL, remaining_pallets int NOT NULL)`);
    await ds.query(`CREATE TABLE naive_acceptance (trip_id uuid NOT NULL, pallets int NOT NULL)`);
    for (const [i, id] of tripIds.entries()) await ds.query(`INSERT INTO trip_naive VALUES ($1, $2, $2)`, [id, CAPACITIES[i]]);
    const jobs: Array<{ trip_id: string; pallets: number }> = await ds.query(
      `SELECT o.trip_id, s.pallets FROM offer o JOIN shipment_request s ON s.id = o.shipment_id ORDER BY random()`,
    );
    const t1 = Date.now();
    const naive = await hammer(CLIENTS, ATTEMPTS, async (i) => {
      const { trip_id: tripId, pallets } = jobs[i];
      return ds.transaction(async (tx) => {
        const [row] = await tx.query(`SELECT remaining_pallets FROM trip_naive WHERE id = $1`, [tripId]);
        if (row.remaining_pallets < pallets) return 'refused' as const;
        await tx.query(`UPDATE trip_naive SET remaining_pallets = $2 WHERE id = $1`, [tripId, row.remaining_pallets - pallets]);
        await tx.query(`INSERT INTO naive_acceptance VALUES ($1, $2)`, [tripId, pallets]);
        return 'accepted' as const;
      });
    });
    const naiveMs = Date.now() - t1;
    const [naiveCount] = await ds.query(`
      SELECT count(*)::int AS oversold FROM trip_naive t
       WHERE (SELECT coalesce(sum(pallets), 0) FROM naive_acceptance a WHERE a.trip_id = t.id) > t.capacity_pallets`);

    console.log(
      `oversell: ${CLIENTS} clients, ${ATTEMPTS} attempts, ${CAPACITIES.length} trips of ${CAPACITIES.join('/')} pallets\n` +
        `  conditional update: accepted ${safe.accepted}, refused ${safe.refused}, errors ${safe.errors} ${safe.firstErrors.join(' | ')}, oversold trips ${safeCount.oversold}, ${safeMs} ms\n` +
        `  naive read-then-write: accepted ${naive.accepted}, refused ${naive.refused}, errors ${naive.errors}, oversold trips ${naiveCount.oversold}, ${naiveMs} ms`,
    );
    expect(safe.errors).toBe(0);
    expect(safe.accepted + safe.refused).toBe(ATTEMPTS);
    expect(safeCount.oversold).toBe(0);
    expect(ledger.negative).toBe(0);
    expect(ledger.reserved).toBe(ledger.accepted_pallets);
    // Every trip gets filled to within one pallet (shipments are 1 or 2 pallets).
    expect(ledger.reserved).toBeGreaterThanOrEqual(CAPACITIES.reduce((a, b) => a + b, 0) - CAPACITIES.length);
    expect(naive.errors).toBe(0);
    expect(naiveCount.oversold).toBeGreaterThan(0);
  }, 240_000);
});
