import { fromBinary } from '@bufbuild/protobuf';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { ShipmentDeliveredSchema, SizeBand, Topic, TourScheduledSchema } from '@rim/contracts';
import { InboxContext } from '@rim/messaging';
import { accessToken, ALICE_ORG, DAN_ORG, graphql, KafkaProbe, serviceTestEnv, startSubgraphUnderTest, GRENOBLE, LYON, CHAMBERY, CROLLES, VALENCE, tomorrow } from '@rim/testing';
import { AppModule } from '../src/app.module';
import { loadLogisticsConfig } from '../src/logistics.config';
import { OrganisationRegisteredHandler } from '../src/organisations/handlers/organisation-registered.handler';
import { SiteAddedHandler } from '../src/organisations/handlers/site-added.handler';

/**
 * Hubs, routing through a hub, suggestions along a trip, proof of pickup and delivery with damage
 * on declared value, weekly tours with sign-ups, and the local copy of directory organisations.
 */
const MIN = { latitude: 45.1667, longitude: 5.7047, communeInsee: '38185', label: 'MIN de Grenoble' };

const HUB = `mutation H($input: RegisterHubInput!) { registerHub(input: $input) { id name operatorOrganisationId temperatureZones capacityPallets } }`;
const HUBS = `{ hubs { id name operatorName inboundShipments } }`;
const POST_TRIP = `mutation Post($input: PostTripInput!) { postTrip(input: $input) { id } }`;
const TRIP = `query T($id: ID!) { trip(id: $id) { id ownerName } }`;
const REQUEST = `mutation Req($input: RequestShipmentInput!) { requestShipment(input: $input) { id legKm viaHubId } }`;
const VIA = `mutation V($s: ID!, $h: ID) { routeShipmentViaHub(shipmentId: $s, hubId: $h) { id legKm viaHubId } }`;
const MATCH = `query M($s: ID!) { matchTrips(shipmentId: $s) { trip { id } detourKm } }`;
const SUGGEST = `query S($t: ID!) { suggestShipments(tripId: $t) { shipmentId dropoff { label } detourKm priceEur quantities { pallets } } }`;
const OFFER = `mutation O($s: ID!, $t: ID!) { makeOffer(shipmentId: $s, tripId: $t) { id } }`;
const ACCEPT = `mutation A($o: ID!) { acceptOffer(offerId: $o) { id status } }`;
const PICKUP = `mutation P($o: ID!, $by: String!) { confirmPickup(offerId: $o, signedBy: $by) { offerId pickupSignedBy deliveredAt } }`;
const DELIVER = `mutation D($o: ID!, $by: String!, $damage: DamageInput) {
  confirmDelivery(offerId: $o, receivedBy: $by, damage: $damage) { offerId deliveredAt receivedBy damage { pallets note valueEur } } }`;
const SHIPMENT = `query Sh($id: ID!) { shipment(id: $id) { id delivery { pickupSignedBy receivedBy damage { valueEur } } offers { status } } }`;
const SCHEDULE = `mutation Sc($input: ScheduleTourInput!) { scheduleTour(input: $input) { id name weekdays departureTime routeKm } }`;
const SIGN_UP = `mutation Su($t: ID!, $i: Int!, $r: TourRole!, $w: [Int!]) { signUpForTour(tourId: $t, stopIndex: $i, role: $r, weekdays: $w) { id stopIndex role weekdays organisationId } }`;
const TOUR = `query To($id: ID!) { tour(id: $id) { id stops { index hubId minutesAfterDeparture place { label } } signups { organisationId role stopIndex weekdays } nextDepartures(count: 2) } }`;
const TOURS = `query Ts($w: Int) { tours(weekday: $w) { id } }`;
const SITES = `{ myShippingSites { id name latitude communeInsee } }`;

describe('logistics: hubs, tours, deliveries and suggestions with real Postgres, Kafka and Keycloak', () => {
  let app: NestExpressApplication;
  let url: string;
  let dataSource: DataSource;
  let stop: () => Promise<void>;
  let probe: KafkaProbe;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    probe = await KafkaProbe.start([Topic.TourScheduled, Topic.ShipmentDelivered]);
    ({ app, url, dataSource, stop } = await startSubgraphUnderTest('logistics_tours', (databaseUrl) =>
      AppModule.forRoot(loadLogisticsConfig(serviceTestEnv('logistics', databaseUrl)))));
    for (const user of ['alice', 'bob', 'carla', 'dan']) tokens[user] = await accessToken(user);
  });

  afterAll(async () => {
    await probe?.stop();
    await stop?.();
  });

  async function count(table: string): Promise<number> {
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
    return n;
  }

  async function ok<T = Record<string, any>>(query: string, variables: Record<string, unknown>, user?: string): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const r = await graphql(url, query, variables, user ? tokens[user] : undefined);
    expect(r.errors).toBeUndefined();
    return r.data as T;
  }

  it('dan registers a hub; a second of the same name and bad input are refused, nothing saved', async () => {
    const hub = await ok(HUB, { input: { name: 'MIN de Grenoble', place: MIN, temperatureZones: ['AMBIENT', 'CHILLED'], capacityPallets: 120 } }, 'dan');
    expect(hub.registerHub).toMatchObject({ name: 'MIN de Grenoble', operatorOrganisationId: DAN_ORG, temperatureZones: ['AMBIENT', 'CHILLED'] });
    ids.hub = hub.registerHub.id;
    const again = await graphql(url, HUB, { input: { name: 'min de grenoble', place: MIN, temperatureZones: ['AMBIENT'], capacityPallets: 10 } }, tokens.dan);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const bad = await graphql(url, HUB, { input: { name: 'Quai', place: MIN, temperatureZones: [], capacityPallets: 0 } }, tokens.dan);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((bad.errors?.[0]?.extensions?.fields as Array<{ field: string }>).map((f) => f.field).sort()).toEqual(['input.capacityPallets', 'input.temperatureZones']);
    expect(await count('hub')).toBe(1);
  });

  it('a shipment routed through the hub matches a trip that passes by, which its direct route does not', async () => {
    const trip = await ok(POST_TRIP, {
      input: {
        vehicleType: 'van-3.5t', origin: CHAMBERY, destination: GRENOBLE, departureEarliest: tomorrow(6), departureLatest: tomorrow(8),
        capacity: { pallets: 4, crates: 0, kg: 1200 }, temperatureZone: 'AMBIENT', pricePerPalletEur: 12, maxDetourKm: 15, maxDetourMinutes: 20,
      },
    }, 'dan');
    ids.trip = trip.postTrip.id;
    const shipment = await ok(REQUEST, {
      input: {
        pickup: CROLLES, dropoff: VALENCE, pickupEarliest: tomorrow(5), pickupLatest: tomorrow(12), dropoffEarliest: tomorrow(7), dropoffLatest: tomorrow(18),
        quantities: { pallets: 2, crates: 0, kg: 500 }, declaredValueEur: 1000,
      },
    }, 'alice');
    ids.shipment = shipment.requestShipment.id;
    expect(shipment.requestShipment.legKm).toBeGreaterThan(100);
    // Direct to Valence: far off dan's way.
    expect((await ok(MATCH, { s: ids.shipment }, 'alice')).matchTrips).toEqual([]);

    const routed = await ok(VIA, { s: ids.shipment, h: ids.hub }, 'alice');
    expect(routed.routeShipmentViaHub.viaHubId).toBe(ids.hub);
    expect(routed.routeShipmentViaHub.legKm).toBeLessThan(30); // Crolles -> MIN only
    const matches = (await ok(MATCH, { s: ids.shipment }, 'alice')).matchTrips;
    expect(matches.map((m: { trip: { id: string } }) => m.trip.id)).toEqual([ids.trip]);
    expect((await ok(HUBS, {})).hubs).toEqual([expect.objectContaining({ id: ids.hub, inboundShipments: 1 })]);

    // A frozen load cannot go through a hub without a freezer; bob cannot reroute alice's shipment.
    const frozen = await ok(REQUEST, {
      input: {
        pickup: CROLLES, dropoff: VALENCE, pickupEarliest: tomorrow(5), pickupLatest: tomorrow(12), dropoffEarliest: tomorrow(7), dropoffLatest: tomorrow(18),
        quantities: { pallets: 1, crates: 0, kg: 200 }, declaredValueEur: 800, temperatureZone: 'FROZEN',
      },
    }, 'alice');
    const refused = await graphql(url, VIA, { s: frozen.requestShipment.id, h: ids.hub }, tokens.alice);
    expect(refused.errors?.[0]?.extensions?.fields).toEqual([{ field: 'hubId', reason: 'the hub does not keep frozen goods (it keeps ambient, chilled)' }]);
    const [row] = await dataSource.query(`SELECT via_hub_id FROM shipment_request WHERE id = $1`, [frozen.requestShipment.id]);
    expect(row.via_hub_id).toBeNull();
    const intruder = await graphql(url, VIA, { s: ids.shipment, h: null }, tokens.bob);
    expect(intruder.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the trip owner sees shipments along his way, not those off it; nobody else may ask', async () => {
    await ok(REQUEST, {
      input: {
        pickup: LYON, dropoff: VALENCE, pickupEarliest: tomorrow(5), pickupLatest: tomorrow(12), dropoffEarliest: tomorrow(7), dropoffLatest: tomorrow(18),
        quantities: { pallets: 1, crates: 0, kg: 200 }, declaredValueEur: 700,
      },
    }, 'bob');
    const suggested = (await ok(SUGGEST, { t: ids.trip }, 'dan')).suggestShipments;
    expect(suggested).toEqual([expect.objectContaining({ shipmentId: ids.shipment, dropoff: { label: 'MIN de Grenoble' }, priceEur: 24, quantities: { pallets: 2 } })]);
    expect(suggested[0].detourKm).toBeLessThan(15);
    const peek = await graphql(url, SUGGEST, { t: ids.trip }, tokens.alice);
    expect(peek.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('proof of pickup then of delivery; damage is valued on the declared value; shipment-delivered carries it', async () => {
    const offer = await ok(OFFER, { s: ids.shipment, t: ids.trip }, 'alice');
    ids.offer = offer.makeOffer.id;
    await ok(ACCEPT, { o: ids.offer }, 'dan');
    const picked = await ok(PICKUP, { o: ids.offer, by: 'Alice Martin' }, 'dan');
    expect(picked.confirmPickup).toMatchObject({ offerId: ids.offer, pickupSignedBy: 'Alice Martin', deliveredAt: null });
    const twice = await graphql(url, PICKUP, { o: ids.offer, by: 'Alice Martin' }, tokens.dan);
    expect(twice.errors?.[0]?.message).toBe('offerId: the pickup is already confirmed');

    const outbox = await count('outbox_message');
    const tooMuch = await graphql(url, DELIVER, { o: ids.offer, by: 'Quai MIN', damage: { pallets: 3, note: 'crushed' } }, tokens.dan);
    expect(tooMuch.errors?.[0]?.extensions?.fields).toEqual([{ field: 'damage.pallets', reason: '3 damaged but only 2 shipped' }]);
    const [still] = await dataSource.query(`SELECT o.status, d.delivered_at FROM offer o JOIN delivery d ON d.offer_id = o.id WHERE o.id = $1`, [ids.offer]);
    expect(still).toEqual({ status: 'ACCEPTED', delivered_at: null });
    expect(await count('outbox_message')).toBe(outbox);

    // 1 of 2 pallets worth 1000 EUR: 500 EUR, whatever it weighs.
    const delivered = await ok(DELIVER, { o: ids.offer, by: 'Quai MIN', damage: { pallets: 1, note: 'pallet crushed by the tail-lift' } }, 'dan');
    expect(delivered.confirmDelivery).toMatchObject({ receivedBy: 'Quai MIN', damage: { pallets: 1, note: 'pallet crushed by the tail-lift', valueEur: 500 } });
    const seen = await ok(SHIPMENT, { id: ids.shipment }, 'alice');
    expect(seen.shipment).toMatchObject({ delivery: { pickupSignedBy: 'Alice Martin', receivedBy: 'Quai MIN', damage: { valueEur: 500 } }, offers: [{ status: 'DELIVERED' }] });

    const record = await probe.waitFor((r) => r.topic === Topic.ShipmentDelivered && r.key === ids.shipment);
    const event = fromBinary(ShipmentDeliveredSchema, record.value);
    expect(event).toMatchObject({ shipmentId: ids.shipment, tripId: ids.trip, damageValueEur: 500, viaHubId: ids.hub });
    expect(event.km).toBeGreaterThan(0);
    expect(event.co2Kg).toBeGreaterThan(0);
    expect(event.kmAvoided).toBeGreaterThan(0);
    expect(event.dropoff?.latitude).toBeCloseTo(MIN.latitude, 6);
    expect((await ok(HUBS, {})).hubs[0].inboundShipments).toBe(0);
  });

  it('dan schedules a weekly tour (tour-scheduled on Kafka); producers and customers sign up', async () => {
    const bad = await graphql(url, SCHEDULE, {
      input: { name: 'Nowhere', vehicleType: 'van-3.5t', weekdays: [2, 8], departureTime: '25:00', capacity: { pallets: 4 },
        stops: [{ place: GRENOBLE, minutesAfterDeparture: 0 }, { place: GRENOBLE, minutesAfterDeparture: 30 }] },
    }, tokens.dan);
    const fields = (bad.errors?.[0]?.extensions?.fields as Array<{ field: string }>).map((f) => f.field).sort();
    expect(fields).toEqual(['input.departureTime', 'input.weekdays']);
    const nowhere = await graphql(url, SCHEDULE, {
      input: { name: 'Nowhere', vehicleType: 'van-3.5t', weekdays: [2], departureTime: '06:30', capacity: { pallets: 4 },
        stops: [{ place: GRENOBLE, minutesAfterDeparture: 0 }, { place: GRENOBLE, minutesAfterDeparture: 30 }] },
    }, tokens.dan);
    expect(nowhere.errors?.[0]?.extensions?.fields).toEqual([{ field: 'input.stops', reason: 'the tour goes nowhere: every stop is at the first one' }]);
    expect(await count('tour')).toBe(0);

    const tour = await ok(SCHEDULE, {
      input: { name: 'Tournée du Grésivaudan', vehicleType: 'van-3.5t', weekdays: [5, 2], departureTime: '06:30', capacity: { pallets: 4, crates: 40 },
        stops: [{ place: CHAMBERY, minutesAfterDeparture: 0 }, { place: CROLLES, minutesAfterDeparture: 40 }, { hubId: ids.hub, minutesAfterDeparture: 70 }] },
    }, 'dan');
    ids.tour = tour.scheduleTour.id;
    expect(tour.scheduleTour).toMatchObject({ weekdays: [2, 5], departureTime: '06:30' });
    expect(tour.scheduleTour.routeKm).toBeGreaterThan(50);
    const record = await probe.waitFor((r) => r.topic === Topic.TourScheduled && r.key === ids.tour);
    const event = fromBinary(TourScheduledSchema, record.value);
    expect(event).toMatchObject({ tourId: ids.tour, ownerOrganisationId: DAN_ORG, weekdays: [2, 5] });
    expect(event.stops.map((s) => s.communeInsee)).toEqual(['73065', '38140', '38185']);

    const alice = await ok(SIGN_UP, { t: ids.tour, i: 1, r: 'PRODUCER', w: [2] }, 'alice');
    expect(alice.signUpForTour).toMatchObject({ stopIndex: 1, role: 'PRODUCER', weekdays: [2], organisationId: ALICE_ORG });
    await ok(SIGN_UP, { t: ids.tour, i: 2, r: 'CUSTOMER' }, 'carla');
    const refusals = [
      [{ t: ids.tour, i: 2, r: 'PRODUCER' }, 'bob', 'stopIndex', 'a producer cannot join at the last stop: nothing is carried further'],
      [{ t: ids.tour, i: 0, r: 'CUSTOMER' }, 'bob', 'stopIndex', 'a customer cannot join at the first stop: nothing has been loaded yet'],
      [{ t: ids.tour, i: 1, r: 'PRODUCER', w: [3] }, 'bob', 'weekdays', 'the tour does not run on day 3 (it runs on 2, 5)'],
      [{ t: ids.tour, i: 7, r: 'PRODUCER' }, 'bob', 'stopIndex', 'must be between 0 and 2'],
    ] as const;
    for (const [vars, user, field, reason] of refusals) {
      const r = await graphql(url, SIGN_UP, vars, tokens[user]);
      expect(r.errors?.[0]?.extensions?.fields).toEqual([{ field, reason }]);
    }
    const again = await graphql(url, SIGN_UP, { t: ids.tour, i: 1, r: 'PRODUCER' }, tokens.alice);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await count('tour_signup')).toBe(2);

    const owner = (await ok(TOUR, { id: ids.tour }, 'dan')).tour;
    expect(owner.stops).toEqual([
      { index: 0, hubId: null, minutesAfterDeparture: 0, place: { label: 'Chambéry' } },
      { index: 1, hubId: null, minutesAfterDeparture: 40, place: { label: 'Crolles' } },
      { index: 2, hubId: ids.hub, minutesAfterDeparture: 70, place: { label: 'MIN de Grenoble' } },
    ]);
    expect(owner.signups).toHaveLength(2);
    expect((await ok(TOUR, { id: ids.tour }, 'alice')).tour.signups).toEqual([{ organisationId: ALICE_ORG, role: 'PRODUCER', stopIndex: 1, weekdays: [2] }]);
    const next = owner.nextDepartures.map((d: string) => new Date(d));
    expect(next).toHaveLength(2);
    for (const d of next) {
      expect([2, 5]).toContain(d.getUTCDay());
      expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(d)).toBe('06:30');
    }
    expect((await ok(TOURS, { w: 2 })).tours).toEqual([{ id: ids.tour }]);
    expect((await ok(TOURS, { w: 3 })).tours).toEqual([]);
  });

  it('organisations and sites announced by the directory are known locally', async () => {
    expect((await ok(TRIP, { id: ids.trip })).trip.ownerName).toBeNull();
    await dataSource.transaction(async (tx) => {
      await app.get(OrganisationRegisteredHandler).handle(
        { organisationId: DAN_ORG, siren: '552100554', legalName: 'Transports Dan', tradingName: '', nafCode: '49.41A', sizeBand: SizeBand.SMALL, tier: 2 } as never,
        new InboxContext([tx, { time: new Date().toISOString() } as never, Topic.OrganisationRegistered]),
      );
      await app.get(SiteAddedHandler).handle(
        { siteId: '55555555-5555-4555-8555-555555555555', organisationId: ALICE_ORG, siret: '', name: 'Atelier de Crolles', location: { latitude: CROLLES.latitude, longitude: CROLLES.longitude, communeInsee: '38140' } } as never,
        new InboxContext([tx, {} as never, Topic.SiteAdded]),
      );
    });
    expect((await ok(TRIP, { id: ids.trip })).trip.ownerName).toBe('Transports Dan');
    expect((await ok(SITES, {}, 'alice')).myShippingSites).toEqual([{ id: '55555555-5555-4555-8555-555555555555', name: 'Atelier de Crolles', latitude: CROLLES.latitude, communeInsee: '38140' }]);
    expect((await ok(SITES, {}, 'bob')).myShippingSites).toEqual([]);
  });
});
