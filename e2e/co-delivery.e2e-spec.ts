import { fromBinary } from '@bufbuild/protobuf';
import { OfferAcceptedSchema, ShipmentDeliveredSchema, Topic, TourScheduledSchema, TripCapacityChangedSchema, TripPostedSchema } from '@rim/contracts';
import { accessToken, DAN_ORG, KafkaProbe, required, eventually, GRENOBLE, LYON, VOIRON, MOIRANS, tomorrow, tripInput, shipmentInput } from '@rim/testing';
import { seedDemoLogistics } from '@rim/scripts';
import { gql, STACK_TRACE, startPlatform, type Platform } from './support/platform';

/**
 * Co-delivery (issue 5), end to end: only through the gateway, with tokens from the real Keycloak,
 * events read back from the real Kafka and decoded with the generated contracts. Dan (a carrier)
 * drives Grenoble -> Lyon anyway; three producers ask him to carry their pallets.
 */

const POST_TRIP = `mutation Post($input: PostTripInput!) {
  postTrip(input: $input) { id ownerOrganisationId routeKm capacity { pallets } remaining { pallets } temperatureZone }
}`;
const REQUEST = `mutation Req($input: RequestShipmentInput!) { requestShipment(input: $input) { id legKm } }`;
const OFFER = `mutation Offer($s: ID!, $t: ID!) { makeOffer(shipmentId: $s, tripId: $t) { id status priceEur } }`;
const ACCEPT = `mutation Accept($o: ID!) { acceptOffer(offerId: $o) { id status } }`;
const TRIP = `query Trip($id: ID!) { trip(id: $id) { id remaining { pallets crates kg } capacity { pallets } } }`;
const SHIPMENT = `query S($id: ID!) { shipment(id: $id) { id account {
  tripId priceEur costShareOfValue costSharePercent km co2Kg soloCo2Kg co2AvoidedKg kmAvoided emissionFactorsNote } } }`;
const MATCH = `query M($s: ID!) { matchTrips(shipmentId: $s) { trip { id temperatureZone } detourKm } }`;
const PICKUP = `mutation P($o: ID!) { confirmPickup(offerId: $o, signedBy: "Alice Martin") { offerId pickedUpAt } }`;
const DELIVER = `mutation D($o: ID!) { confirmDelivery(offerId: $o, receivedBy: "Quai 3, MIN de Lyon") { offerId deliveredAt damage { valueEur } } }`;
const REGISTER_ORG = `mutation R($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`;
const TRIP_OWNER = `query O($id: ID!) { trip(id: $id) { id ownerName } }`;
const SCHEDULE = `mutation Sc($input: ScheduleTourInput!) { scheduleTour(input: $input) { id weekdays } }`;

describe('co-delivery through the gateway (e2e)', () => {
  let platform: Platform;
  let probe: KafkaProbe;
  let gateway: string;
  const tokens: Record<string, string> = {};
  let tripId: string;
  const shipments: Record<string, string> = {};
  const offers: Record<string, string> = {};

  beforeAll(async () => {
    // Probe first: it only sees what is published after it joins.
    probe = await KafkaProbe.start([Topic.TripPosted, Topic.OfferAccepted, Topic.TripCapacityChanged, Topic.ShipmentDelivered, Topic.TourScheduled]);
    platform = await startPlatform('logi_e2e');
    gateway = platform.gatewayUrl;
    for (const user of ['alice', 'bob', 'carla', 'dan']) tokens[user] = await accessToken(user);
  }, 180_000);

  afterAll(async () => {
    await probe?.stop();
    await platform?.stop();
  });

  async function counts(): Promise<{ trips: number; offers: number; accepted: number; outbox: number }> {
    const [row] = await platform.serviceQuery<{ trips: number; offers: number; accepted: number; outbox: number }>(
      'logistics',
      `SELECT (SELECT count(*) FROM trip)::int AS trips, (SELECT count(*) FROM offer)::int AS offers,
              (SELECT count(*) FROM offer WHERE status = 'ACCEPTED')::int AS accepted,
              (SELECT count(*) FROM outbox_message)::int AS outbox`,
    );
    return row;
  }

  async function ok<T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, user?: string): Promise<T> {
    const result = await gql(gateway, query, variables, { token: user ? tokens[user] : undefined });
    expect(result.status).toBe(200);
    expect(result.json?.errors).toBeUndefined();
    return result.json?.data as T;
  }

  it('dan posts a trip Grenoble -> Lyon with 10 pallets; trip-posted is on Kafka', async () => {
    const data = await ok<{ postTrip: { id: string; ownerOrganisationId: string; routeKm: number; remaining: { pallets: number } } }>(
      POST_TRIP,
      { input: tripInput() },
      'dan',
    );
    tripId = data.postTrip.id;
    expect(data.postTrip.ownerOrganisationId).toBe(DAN_ORG); // from his token, not from the input
    expect(data.postTrip.remaining.pallets).toBe(10);
    expect(data.postTrip.routeKm).toBeGreaterThan(110); // 95 km great circle x road factor 1.3

    const record = await probe.waitFor((r) => r.topic === Topic.TripPosted && r.key === tripId);
    expect(record.headers.ce_source).toBe('logistics');
    const event = fromBinary(TripPostedSchema, record.value);
    expect(event).toMatchObject({ tripId, ownerOrganisationId: DAN_ORG, temperatureZone: 'ambient', capacity: { pallets: 10 } });
    expect(event.origin?.communeInsee).toBe('38185');
    expect(event.destination?.communeInsee).toBe('69123');
  });

  it('alice, bob and carla offer 4, 4 and 3 pallets; dan accepts all three: the third is refused, only 2 remain', async () => {
    const plan: Array<[string, typeof GRENOBLE, number]> = [['alice', GRENOBLE, 4], ['bob', VOIRON, 4], ['carla', MOIRANS, 3]];
    for (const [user, pickup, pallets] of plan) {
      const req = await ok<{ requestShipment: { id: string } }>(REQUEST, { input: shipmentInput(pickup, pallets) }, user);
      shipments[user] = req.requestShipment.id;
      const offer = await ok<{ makeOffer: { id: string; status: string; priceEur: number } }>(OFFER, { s: shipments[user], t: tripId }, user);
      expect(offer.makeOffer).toMatchObject({ status: 'PENDING', priceEur: pallets * 15 });
      offers[user] = offer.makeOffer.id;
    }

    // Only the trip owner decides (positive control below: dan can).
    const intruder = await gql(gateway, ACCEPT, { o: offers.alice }, { token: tokens.alice });
    expect(intruder.json?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    for (const user of ['alice', 'bob']) {
      const accepted = await ok<{ acceptOffer: { status: string } }>(ACCEPT, { o: offers[user] }, 'dan');
      expect(accepted.acceptOffer.status).toBe('ACCEPTED');
    }
    const before = await counts();
    const third = await gql(gateway, ACCEPT, { o: offers.carla }, { token: tokens.dan });
    expect(third.status).toBeLessThan(500);
    expect(third.json?.errors).toHaveLength(1);
    expect(third.json?.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(third.json?.errors?.[0]?.message).toBe('pallets: needs 3 pallets but only 2 pallets remain');
    expect(third.text).not.toMatch(STACK_TRACE);
    // Nothing half-saved: no offer changed, no event recorded.
    expect(await counts()).toEqual(before);
    expect(before.accepted).toBe(2);

    const trip = await ok<{ trip: { remaining: { pallets: number; kg: number } } }>(TRIP, { id: tripId });
    expect(trip.trip.remaining).toMatchObject({ pallets: 2, kg: 1000 });
    const [sql] = await platform.serviceQuery<{ remaining_pallets: number }>('logistics', 'SELECT remaining_pallets FROM trip WHERE id = $1', [tripId]);
    expect(sql.remaining_pallets).toBe(2);
  });

  it('the accepted shipments show cost share, CO2 and CO2 avoided; the refused one shows none', async () => {
    for (const [user, pallets] of [['alice', 4], ['bob', 4]] as const) {
      const data = await ok<{ shipment: { account: Record<string, number | string> } }>(SHIPMENT, { id: shipments[user] }, user);
      const account = data.shipment.account as Record<string, number>;
      expect(account.tripId).toBe(tripId);
      expect(account.priceEur).toBe(pallets * 15);
      expect(account.costShareOfValue).toBeCloseTo((pallets * 15) / (pallets * 600), 9);
      expect(account.costSharePercent).toBeCloseTo(2.5, 9);
      expect(account.km).toBeGreaterThan(50);
      expect(account.co2Kg).toBeGreaterThan(0);
      expect(account.co2AvoidedKg).toBeGreaterThan(0);
      expect(account.co2AvoidedKg).toBeCloseTo(account.soloCo2Kg - account.co2Kg, 6);
      expect(account.kmAvoided).toBeGreaterThan(0);
      expect(data.shipment.account.emissionFactorsNote).toMatch(/^Indicative factors from ADEME Base Carbone/);
    }
    const carla = await ok<{ shipment: { account: unknown } }>(SHIPMENT, { id: shipments.carla }, 'carla');
    expect(carla.shipment.account).toBeNull();
  });

  it('offer-accepted and trip-capacity-changed are on Kafka, decoded with the generated schemas', async () => {
    const accepted = await probe.waitFor(
      (r) => r.topic === Topic.OfferAccepted && fromBinary(OfferAcceptedSchema, r.value).offerId === offers.bob,
    );
    expect(accepted.key).toBe(tripId);
    const event = fromBinary(OfferAcceptedSchema, accepted.value);
    expect(event).toMatchObject({ tripId, shipmentId: shipments.bob, carrierOrganisationId: DAN_ORG, quantities: { pallets: 4 }, priceEur: 60 });
    expect(event.co2Kg).toBeGreaterThan(0);
    expect(event.co2AvoidedKg).toBeGreaterThan(0);

    const changed = await probe.waitFor(
      (r) => r.topic === Topic.TripCapacityChanged && r.key === tripId && fromBinary(TripCapacityChangedSchema, r.value).remaining?.pallets === 2,
    );
    expect(fromBinary(TripCapacityChangedSchema, changed.value).capacity?.pallets).toBe(10);
    // The refused acceptance published nothing: exactly two acceptances on this trip.
    const onTrip = probe.records.filter((r) => r.topic === Topic.OfferAccepted && r.key === tripId);
    expect(onTrip).toHaveLength(2);
  });

  it('a chilled shipment is never matched to an ambient-only trip (positive control: a chilled trip is)', async () => {
    const req = await ok<{ requestShipment: { id: string } }>(REQUEST, { input: shipmentInput(VOIRON, 1, { temperatureZone: 'CHILLED' }) }, 'carla');
    const chilledShipment = req.requestShipment.id;
    const none = await ok<{ matchTrips: Array<{ trip: { id: string } }> }>(MATCH, { s: chilledShipment }, 'carla');
    expect(none.matchTrips).toEqual([]);

    const chilled = await ok<{ postTrip: { id: string } }>(
      POST_TRIP,
      { input: tripInput({ temperatureZone: 'CHILLED', vehicleType: 'van-3.5t', capacity: { pallets: 4, crates: 20, kg: 1200 } }) },
      'dan',
    );
    const some = await ok<{ matchTrips: Array<{ trip: { id: string; temperatureZone: string } }> }>(MATCH, { s: chilledShipment }, 'carla');
    expect(some.matchTrips.map((m) => m.trip.id)).toEqual([chilled.postTrip.id]);
    expect(some.matchTrips.every((m) => m.trip.temperatureZone === 'CHILLED')).toBe(true);

    // Offering it on the ambient trip anyway is refused, naming the field; nothing is written.
    const before = await counts();
    const offer = await gql(gateway, OFFER, { s: chilledShipment, t: tripId }, { token: tokens.carla });
    expect(offer.json?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(offer.json?.errors?.[0]?.message).toContain('shipmentId: incompatible load: a chilled shipment needs a chilled vehicle, this trip is ambient');
    expect(await counts()).toEqual(before);
  });

  it('bad trips are refused through the gateway with the field named, no 500, nothing saved', async () => {
    const before = await counts();
    const bad = await gql(
      gateway,
      POST_TRIP,
      { input: tripInput({ destination: GRENOBLE, departureEarliest: tomorrow(9), departureLatest: tomorrow(8) }) },
      { token: tokens.dan },
    );
    expect(bad.status).toBeLessThan(500);
    expect(bad.json?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (bad.json?.errors?.[0]?.extensions?.fields as Array<{ field: string }>).map((f) => f.field).sort();
    expect(fields).toEqual(['input.departureLatest', 'input.destination']);
    expect(bad.text).not.toMatch(STACK_TRACE);
    const negative = await gql(gateway, POST_TRIP, { input: tripInput({ capacity: { pallets: -1, crates: 0, kg: 0 } }) }, { token: tokens.dan });
    expect(negative.json?.errors?.[0]?.extensions?.fields).toEqual([{ field: 'input.capacity.pallets', reason: 'must not be negative' }]);
    expect(await counts()).toEqual(before);
  });

  it('dan proves pickup then delivery; shipment-delivered carries km, CO2 and CO2 avoided', async () => {
    const early = await gql(gateway, DELIVER, { o: offers.alice }, { token: tokens.dan });
    expect(early.json?.errors?.[0]?.message).toBe('offerId: no proof of pickup: confirm the pickup first');
    await ok(PICKUP, { o: offers.alice }, 'dan');
    const delivered = await ok<{ confirmDelivery: { deliveredAt: string; damage: unknown } }>(DELIVER, { o: offers.alice }, 'dan');
    expect(delivered.confirmDelivery.damage).toBeNull();
    const account = (await ok<{ shipment: { account: Record<string, number> } }>(SHIPMENT, { id: shipments.alice }, 'alice')).shipment.account;

    const record = await probe.waitFor((r) => r.topic === Topic.ShipmentDelivered && r.key === shipments.alice);
    const event = fromBinary(ShipmentDeliveredSchema, record.value);
    expect(event).toMatchObject({ shipmentId: shipments.alice, tripId, damageValueEur: 0, viaHubId: '' });
    expect(event.km).toBeCloseTo(account.km, 6);
    expect(event.co2Kg).toBeCloseTo(account.co2Kg, 6);
    expect(event.co2AvoidedKg).toBeCloseTo(account.co2AvoidedKg, 6);
    expect(event.co2AvoidedKg).toBeGreaterThan(0);
  });

  it('a weekly tour is published as tour-scheduled', async () => {
    const tour = await ok<{ scheduleTour: { id: string; weekdays: number[] } }>(SCHEDULE, {
      input: {
        name: 'Tournée du mardi', vehicleType: 'van-3.5t', weekdays: [2], departureTime: '06:30', capacity: { pallets: 4 },
        stops: [{ place: GRENOBLE, minutesAfterDeparture: 0 }, { place: VOIRON, minutesAfterDeparture: 35 }, { place: LYON, minutesAfterDeparture: 110 }],
      },
    }, 'dan');
    const record = await probe.waitFor((r) => r.topic === Topic.TourScheduled && r.key === tour.scheduleTour.id);
    expect(fromBinary(TourScheduledSchema, record.value)).toMatchObject({ tourId: tour.scheduleTour.id, ownerOrganisationId: DAN_ORG, weekdays: [2] });
  });

  it("dan's organisation, registered in the directory, reaches logistics through directory's events", async () => {
    const registered = await gql(gateway, REGISTER_ORG, {
      input: { siren: '552100554', legalName: 'Transports Dan', nafCode: '49.41A', sizeBand: 'SMALL', tier: 2 },
    }, { token: tokens.dan });
    expect(registered.json?.errors).toBeUndefined();
    const name = await eventually("dan's name on the trip", async () => (await ok<{ trip: { ownerName: string | null } }>(TRIP_OWNER, { id: tripId })).trip.ownerName, {
      until: (owner) => owner !== null, timeoutMs: 120_000, everyMs: 250, onTimeout: 'return-last',
    });
    expect(name).toBe('Transports Dan');
  });

  it('the demo seed runs through the gateway and a second run adds nothing', async () => {
    const lines: string[] = [];
    const seedCounts = async () =>
      (await platform.serviceQuery<Record<string, number>>(
        'logistics',
        `SELECT (SELECT count(*) FROM hub)::int AS hubs, (SELECT count(*) FROM trip)::int AS trips,
                (SELECT count(*) FROM tour)::int AS tours, (SELECT count(*) FROM tour_signup)::int AS signups`,
      ))[0];
    const before = await seedCounts();
    await seedDemoLogistics(gateway, required('OIDC_ISSUER'), (l) => lines.push(l));
    const once = await seedCounts();
    expect(once.hubs).toBe(before.hubs + 1);
    expect(once.tours).toBe(before.tours + 1);
    expect(once.signups).toBe(before.signups + 1);
    expect(once.trips).toBeGreaterThan(before.trips); // "Grenoble -> Lyon" may already exist: dan posted it above
    await seedDemoLogistics(gateway, required('OIDC_ISSUER'), (l) => lines.push(l));
    expect(await seedCounts()).toEqual(once);
    expect(lines[1]).toBe('demo logistics: hub already there, 0 trip(s) posted (3 already there), tour already there');
  });
});
