import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { mulberry32 as prng } from '@rim/seeded-random';
import { createScratchDatabase, required } from '@rim/testing';
import type { RequestContext } from '@rim/service-kit';
import { AppModule } from '../src/app.module';
import { GreatCircleRoadDistance } from '../src/geo/road-distance';
import { loadLogisticsConfig } from '../src/logistics.config';
import { rankTrips, type CandidateTrip } from '../src/matching/matching';
import { ShipmentRequest } from '../src/shipments/shipment.entity';
import { ShipmentsService } from '../src/shipments/shipments.service';
import { Trip } from '../src/trips/trip.entity';

/**
 * The SQL corridor prefilter (migration 1764100000200) must never drop a trip that the full
 * evaluation would match: for random trips and shipments around Grenoble, matchTrips (prefilter +
 * exact detour) returns exactly what ranking every open trip in memory returns. Control: the same
 * matches do fall outside the bare bounding box of the route, so the margin is what keeps them.
 */
const SHIPPER = '11111111-1111-4111-8111-111111111111';
const OWNER = '44444444-4444-4444-8444-444444444444';

describe('logistics: matching corridor prefilter never drops a match', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  const road = new GreatCircleRoadDistance();
  const ctx: RequestContext = { principal: { userId: 'alice', organisationId: SHIPPER, roles: new Set(['member']) } as never, correlationId: 'corridor-test' };

  beforeAll(async () => {
    const db = await createScratchDatabase('logistics_corridor');
    drop = db.drop;
    const config = loadLogisticsConfig({ NODE_ENV: 'test', LOGISTICS_DATABASE_URL: db.url, KAFKA_BROKERS: required('KAFKA_BROKERS'), OIDC_ISSUER: required('OIDC_ISSUER') });
    app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'] });
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('returns exactly the trips the full evaluation matches, while reading far fewer', async () => {
    const rnd = prng(14083);
    const around = (spread: number) => ({ latitude: 45.19 + (rnd() - 0.5) * spread, longitude: 5.72 + (rnd() - 0.5) * spread * 1.4, communeInsee: null, label: null });
    const tomorrow = Date.now() + 86_400_000;
    const trips: Trip[] = [];
    for (let i = 0; i < 400; i++) {
      const origin = around(1.2);
      const destination = around(1.2);
      const stops = rnd() < 0.4 ? [around(1.2)] : [];
      const pts = [origin, ...stops, destination];
      let km = 0;
      for (let k = 1; k < pts.length; k++) km += road.leg(pts[k - 1], pts[k]).km;
      const dep = new Date(tomorrow + Math.floor(rnd() * 4) * 3_600_000);
      trips.push(
        dataSource.getRepository(Trip).create({
          id: randomUUID(), ownerOrganisationId: OWNER, vehicleType: 'van-3.5t', origin, stops, destination, routeKm: km,
          departureEarliest: dep, departureLatest: new Date(dep.getTime() + 3_600_000),
          capacityPallets: 6, capacityCrates: 0, capacityKg: 2000, remainingPallets: 6, remainingCrates: 0, remainingKg: 2000,
          temperatureZone: 'AMBIENT', handling: 'NONE', pricePerPalletEur: 10, pricePerCrateEur: 0, pricePerKgEur: 0,
          maxDetourKm: 5 + Math.floor(rnd() * 40), maxDetourMinutes: 600, loadClass: 'FOOD', organicOnly: false, ownLoadKg: 0, status: 'OPEN',
        }),
      );
    }
    await dataSource.getRepository(Trip).insert(trips);
    const candidates: CandidateTrip[] = trips.map((t) => ({
      id: t.id, route: [t.origin, ...t.stops, t.destination], departureEarliest: t.departureEarliest, departureLatest: t.departureLatest,
      remaining: { pallets: 6, crates: 0, kg: 2000 }, temperatureZone: 'AMBIENT', loadClasses: ['FOOD'], organicOnly: false,
      maxDetourKm: t.maxDetourKm, maxDetourMinutes: t.maxDetourMinutes,
    }));
    const shipments = dataSource.getRepository(ShipmentRequest);
    let matched = 0;
    let read = 0;
    let outsideBareBox = 0;
    for (let i = 0; i < 60; i++) {
      const pickup = around(1.2);
      const dropoff = around(1.2);
      const need = {
        pickup, dropoff,
        pickupEarliest: new Date(tomorrow - 86_400_000), pickupLatest: new Date(tomorrow + 86_400_000),
        dropoffEarliest: new Date(tomorrow - 86_400_000), dropoffLatest: new Date(tomorrow + 86_400_000),
        quantities: { pallets: 1, crates: 0, kg: 100 }, temperatureZone: 'AMBIENT' as const, loadClass: 'FOOD' as const, organic: false, maxTimeInVehicleMinutes: null,
      };
      const id = randomUUID();
      await shipments.insert({
        id, shipperOrganisationId: SHIPPER, pickup, dropoff, pickupEarliest: need.pickupEarliest, pickupLatest: need.pickupLatest,
        dropoffEarliest: need.dropoffEarliest, dropoffLatest: need.dropoffLatest, pallets: 1, crates: 0, kg: 100, declaredValueEur: 500,
        temperatureZone: 'AMBIENT', loadClass: 'FOOD', organic: false, maxTimeInVehicleMinutes: null, legKm: road.leg(pickup, dropoff).km,
      });
      const expected = rankTrips(road, candidates, need).map((m) => m.tripId);
      const got = (await app.get(ShipmentsService).matchTrips(ctx, id, 1000)).map((m) => m.trip.id);
      expect(got).toEqual(expected);
      matched += expected.length;
      const [{ n }] = await dataSource.query(
        `SELECT count(*)::int AS n FROM trip WHERE status = 'OPEN' AND corridor @> box(point($1, $2), point($3, $4))`,
        [pickup.longitude, pickup.latitude, dropoff.longitude, dropoff.latitude],
      );
      read += n;
      for (const tripId of expected) {
        const t = candidates.find((c) => c.id === tripId)!;
        const lats = t.route.map((p) => p.latitude);
        const lons = t.route.map((p) => p.longitude);
        const inside = (p: typeof pickup) =>
          p.latitude >= Math.min(...lats) && p.latitude <= Math.max(...lats) && p.longitude >= Math.min(...lons) && p.longitude <= Math.max(...lons);
        if (!inside(pickup) || !inside(dropoff)) outsideBareBox++;
      }
    }
    // Not vacuous: there are matches, the prefilter reads fewer trips than exist, and without the
    // margin some matches would have been dropped.
    expect(matched).toBeGreaterThan(20);
    expect(read).toBeLessThan(60 * 400 * 0.6);
    expect(outsideBareBox).toBeGreaterThan(0);
    process.stdout.write(`corridor: ${matched} matches over 60 shipments; prefilter read ${read} of ${60 * 400} trip rows; ${outsideBareBox} matches outside the bare route box\n`);
  });
});
