import { join } from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { OfferAcceptedSchema, ShipmentDeliveredSchema, Topic, TripCapacityChangedSchema, TripPostedSchema } from '@rim/contracts';
import { subgraphSdl } from '@rim/service-kit';
import { accessToken, DAN_ORG, graphql, KafkaProbe, serviceTestEnv, startSubgraphUnderTest, expectCommittedSchema, GRENOBLE, VOIRON, MOIRANS, tomorrow, tripInput, shipmentInput } from '@rim/testing';
import { AppModule } from '../src/app.module';
import { loadLogisticsConfig } from '../src/logistics.config';

const POST_TRIP = `mutation Post($input: PostTripInput!) {
  postTrip(input: $input) { id ownerOrganisationId routeKm capacity { pallets kg } remaining { pallets kg } temperatureZone }
}`;
const REQUEST = `mutation Req($input: RequestShipmentInput!) { requestShipment(input: $input) { id legKm } }`;
const OFFER = `mutation Offer($s: ID!, $t: ID!) { makeOffer(shipmentId: $s, tripId: $t) { id status priceEur } }`;
const ACCEPT = `mutation Accept($o: ID!) { acceptOffer(offerId: $o) { id status } }`;
const PICKUP = `mutation Pickup($o: ID!) { confirmPickup(offerId: $o, signedBy: "Alice Martin") { offerId pickedUpAt pickupSignedBy } }`;
const DELIVER = `mutation Deliver($o: ID!) { confirmDelivery(offerId: $o, receivedBy: "Quai 3, Lyon") { offerId deliveredAt receivedBy damage { valueEur } } }`;
const TRIP = `query Trip($id: ID!) { trip(id: $id) { id remaining { pallets crates kg } capacity { pallets } } }`;
const SHIPMENT = `query S($id: ID!) { shipment(id: $id) { id offers { status } account {
  tripId priceEur costShareOfValue costSharePercent km co2Kg soloKm soloCo2Kg co2AvoidedKg kmAvoided allocationShare } } }`;
const MATCH = `query M($s: ID!) { matchTrips(shipmentId: $s) { trip { id temperatureZone } detourKm detourMinutes priceEur } }`;

describe('logistics: co-delivery Grenoble -> Lyon with real Postgres, Kafka and Keycloak', () => {
  let app: NestExpressApplication;
  let url: string;
  let dataSource: DataSource;
  let stop: () => Promise<void>;
  let probe: KafkaProbe;
  const tokens: Record<string, string> = {};
  let tripId: string;
  const shipments: Record<string, string> = {};
  const offers: Record<string, string> = {};

  beforeAll(async () => {
    probe = await KafkaProbe.start([Topic.TripPosted, Topic.OfferAccepted, Topic.TripCapacityChanged, Topic.ShipmentDelivered]);
    ({ app, url, dataSource, stop } = await startSubgraphUnderTest('logistics', (databaseUrl) =>
      AppModule.forRoot(loadLogisticsConfig(serviceTestEnv('logistics', databaseUrl)))));
    for (const user of ['alice', 'bob', 'carla', 'dan']) tokens[user] = await accessToken(user);
  });

  afterAll(async () => {
    await probe?.stop();
    await stop?.();
  });

  async function counts(): Promise<{ trips: number; shipments: number; offers: number; outbox: number }> {
    const [row] = await dataSource.query(
      `SELECT (SELECT count(*) FROM trip)::int AS trips, (SELECT count(*) FROM shipment_request)::int AS shipments,
              (SELECT count(*) FROM offer)::int AS offers, (SELECT count(*) FROM outbox_message)::int AS outbox`,
    );
    return row;
  }

  it('commits the emitted subgraph schema (UPDATE_SCHEMAS=1 npm run test:integration rewrites it, never in CI)', () => {
    expectCommittedSchema(subgraphSdl(app), join(__dirname, '..', 'schema.graphql'));
  });

  it('dan posts a trip Grenoble -> Lyon with 10 pallets, published as trip-posted', async () => {
    const result = await graphql(url, POST_TRIP, { input: tripInput() }, tokens.dan);
    expect(result.errors).toBeUndefined();
    const trip = result.data?.postTrip as { id: string; ownerOrganisationId: string; routeKm: number; remaining: { pallets: number } };
    tripId = trip.id;
    expect(trip.ownerOrganisationId).toBe(DAN_ORG);
    expect(trip.remaining.pallets).toBe(10);
    expect(trip.routeKm).toBeGreaterThan(110); // 95 km great circle x 1.3
    const record = await probe.waitFor((r) => r.topic === Topic.TripPosted && r.key === tripId);
    const event = fromBinary(TripPostedSchema, record.value);
    expect(event).toMatchObject({ tripId, ownerOrganisationId: DAN_ORG, temperatureZone: 'ambient', capacity: { pallets: 10 } });
    expect(event.origin?.communeInsee).toBe('38185');
  });

  it('alice, bob and carla offer 4, 4 and 3 pallets; dan accepts: the third is refused, only 2 remain', async () => {
    const plan: Array<[string, typeof GRENOBLE, number]> = [['alice', GRENOBLE, 4], ['bob', VOIRON, 4], ['carla', MOIRANS, 3]];
    for (const [user, pickup, pallets] of plan) {
      const req = await graphql(url, REQUEST, { input: shipmentInput(pickup, pallets) }, tokens[user]);
      expect(req.errors).toBeUndefined();
      shipments[user] = (req.data?.requestShipment as { id: string }).id;
      const offer = await graphql(url, OFFER, { s: shipments[user], t: tripId }, tokens[user]);
      expect(offer.errors).toBeUndefined();
      expect(offer.data?.makeOffer).toMatchObject({ status: 'PENDING', priceEur: pallets * 15 });
      offers[user] = (offer.data?.makeOffer as { id: string }).id;
    }
    // Only the trip owner decides.
    const intruder = await graphql(url, ACCEPT, { o: offers.alice }, tokens.alice);
    expect(intruder.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    for (const user of ['alice', 'bob']) {
      const r = await graphql(url, ACCEPT, { o: offers[user] }, tokens.dan);
      expect(r.errors).toBeUndefined();
      expect(r.data?.acceptOffer).toMatchObject({ status: 'ACCEPTED' });
    }
    const before = await counts();
    const third = await graphql(url, ACCEPT, { o: offers.carla }, tokens.dan);
    expect(third.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(third.errors?.[0]?.message).toBe('pallets: needs 3 pallets but only 2 pallets remain');
    expect(await counts()).toEqual(before);
    const trip = await graphql(url, TRIP, { id: tripId });
    expect(trip.data?.trip).toMatchObject({ remaining: { pallets: 2, crates: 0, kg: 1000 }, capacity: { pallets: 10 } });
  });

  it('accepted shipments show their cost share, CO2 and CO2 avoided; the events are on Kafka', async () => {
    const r = await graphql(url, SHIPMENT, { id: shipments.alice }, tokens.alice);
    expect(r.errors).toBeUndefined();
    const account = (r.data?.shipment as { account: Record<string, number> }).account;
    expect(account.priceEur).toBe(60);
    expect(account.costShareOfValue).toBeCloseTo(60 / 2400, 9);
    expect(account.costSharePercent).toBeCloseTo(2.5, 9);
    expect(account.co2Kg).toBeGreaterThan(0);
    expect(account.co2AvoidedKg).toBeGreaterThan(0);
    expect(account.co2AvoidedKg).toBeCloseTo(account.soloCo2Kg - account.co2Kg, 6);
    expect(account.kmAvoided).toBeGreaterThan(200);
    const carla = await graphql(url, SHIPMENT, { id: shipments.carla }, tokens.carla);
    expect((carla.data?.shipment as { account: unknown }).account).toBeNull();
    // Someone else's shipment stays private.
    const peek = await graphql(url, SHIPMENT, { id: shipments.alice }, tokens.bob);
    expect(peek.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const accepted = await probe.waitFor((rec) => rec.topic === Topic.OfferAccepted && fromBinary(OfferAcceptedSchema, rec.value).offerId === offers.alice);
    const event = fromBinary(OfferAcceptedSchema, accepted.value);
    expect(event).toMatchObject({ tripId, shipmentId: shipments.alice, carrierOrganisationId: DAN_ORG, quantities: { pallets: 4 } });
    expect(event.co2AvoidedKg).toBeGreaterThan(0);
    expect(accepted.key).toBe(tripId);
    const changed = await probe.waitFor(
      (rec) => rec.topic === Topic.TripCapacityChanged && fromBinary(TripCapacityChangedSchema, rec.value).remaining?.pallets === 2,
    );
    expect(changed.key).toBe(tripId);

    // No proof of delivery without a proof of pickup.
    const early = await graphql(url, DELIVER, { o: offers.alice }, tokens.dan);
    expect(early.errors?.[0]?.message).toBe('offerId: no proof of pickup: confirm the pickup first');
    const picked = await graphql(url, PICKUP, { o: offers.alice }, tokens.dan);
    expect(picked.errors).toBeUndefined();
    expect(picked.data?.confirmPickup).toMatchObject({ offerId: offers.alice, pickupSignedBy: 'Alice Martin' });
    const delivered = await graphql(url, DELIVER, { o: offers.alice }, tokens.dan);
    expect(delivered.errors).toBeUndefined();
    expect(delivered.data?.confirmDelivery).toMatchObject({ offerId: offers.alice, receivedBy: 'Quai 3, Lyon', damage: null });
    const d = await probe.waitFor((rec) => rec.topic === Topic.ShipmentDelivered && rec.key === shipments.alice);
    const dEvent = fromBinary(ShipmentDeliveredSchema, d.value);
    expect(dEvent.km).toBeGreaterThan(100);
    expect(dEvent.co2Kg).toBeCloseTo(account.co2Kg, 6);
  });

  it('never matches a chilled shipment to an ambient-only trip, and refuses the offer', async () => {
    const chilledTrip = await graphql(url, POST_TRIP, { input: tripInput({ temperatureZone: 'CHILLED', vehicleType: 'van-3.5t', capacity: { pallets: 4, crates: 20, kg: 1200 } }) }, tokens.dan);
    expect(chilledTrip.errors).toBeUndefined();
    const chilledTripId = (chilledTrip.data?.postTrip as { id: string }).id;
    const req = await graphql(url, REQUEST, { input: shipmentInput(VOIRON, 1, { temperatureZone: 'CHILLED' }) }, tokens.carla);
    const chilledShipment = (req.data?.requestShipment as { id: string }).id;
    const matches = await graphql(url, MATCH, { s: chilledShipment }, tokens.carla);
    expect(matches.errors).toBeUndefined();
    const found = matches.data?.matchTrips as Array<{ trip: { id: string; temperatureZone: string }; detourKm: number }>;
    expect(found.map((m) => m.trip.id)).toEqual([chilledTripId]);
    expect(found[0].detourKm).toBeLessThan(25);

    // The ambient trip still has 2 pallets, so an ambient 1-pallet shipment matches both.
    const ambient = await graphql(url, REQUEST, { input: shipmentInput(VOIRON, 1) }, tokens.carla);
    const both = await graphql(url, MATCH, { s: (ambient.data?.requestShipment as { id: string }).id }, tokens.carla);
    expect((both.data?.matchTrips as Array<{ trip: { id: string } }>).map((m) => m.trip.id).sort()).toEqual([tripId, chilledTripId].sort());

    const before = await counts();
    const offer = await graphql(url, OFFER, { s: chilledShipment, t: tripId }, tokens.carla);
    expect(offer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(offer.errors?.[0]?.message).toContain('shipmentId: incompatible load');
    expect(await counts()).toEqual(before);
  });

  it('refuses bad trips and offers naming the field, and saves nothing', async () => {
    const before = await counts();
    const nowhere = await graphql(url, POST_TRIP, { input: tripInput({ destination: GRENOBLE }) }, tokens.dan);
    expect(nowhere.errors?.[0]?.extensions?.fields).toEqual([{ field: 'input.destination', reason: expect.stringContaining('goes nowhere') }]);
    const negative = await graphql(url, POST_TRIP, { input: tripInput({ capacity: { pallets: -1, crates: 0, kg: 0 } }) }, tokens.dan);
    expect(negative.errors?.[0]?.extensions?.fields).toEqual([{ field: 'input.capacity.pallets', reason: 'must not be negative' }]);
    const backwards = await graphql(url, POST_TRIP, { input: tripInput({ departureEarliest: tomorrow(9), departureLatest: tomorrow(8) }) }, tokens.dan);
    expect(backwards.errors?.[0]?.extensions?.fields).toEqual([{ field: 'input.departureLatest', reason: 'the departure window ends before it starts' }]);
    const chemicals = await graphql(url, REQUEST, { input: shipmentInput(VOIRON, 1, { loadClass: 'CHEMICALS' }) }, tokens.bob);
    const chemId = (chemicals.data?.requestShipment as { id: string }).id;
    const afterShipment = await counts();
    const incompatible = await graphql(url, OFFER, { s: chemId, t: tripId }, tokens.bob);
    expect(incompatible.errors?.[0]?.message).toMatch(/^shipmentId: incompatible load: chemicals/);
    const big = await graphql(url, REQUEST, { input: shipmentInput(VOIRON, 3) }, tokens.bob);
    const full = await graphql(url, OFFER, { s: (big.data?.requestShipment as { id: string }).id, t: tripId }, tokens.bob);
    expect(full.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(full.errors?.[0]?.message).toBe('tripId: the trip is full: needs 3 pallets but only 2 pallets remain');
    await dataSource.query(`UPDATE trip SET departure_earliest = now() - interval '3 hours', departure_latest = now() - interval '1 hour' WHERE id = $1`, [tripId]);
    const small = await graphql(url, REQUEST, { input: shipmentInput(VOIRON, 1) }, tokens.bob);
    const departed = await graphql(url, OFFER, { s: (small.data?.requestShipment as { id: string }).id, t: tripId }, tokens.bob);
    expect(departed.errors?.[0]?.extensions?.fields).toEqual([{ field: 'tripId', reason: 'the trip has already departed' }]);
    const after = await counts();
    expect({ trips: after.trips, offers: after.offers, outbox: after.outbox }).toEqual({ trips: before.trips, offers: before.offers, outbox: before.outbox });
    expect(after.shipments).toBe(afterShipment.shipments + 2);
  });
});
