import { accessToken, ALICE_ORG, BOB_ORG, eventually, GRENOBLE, LYON, tomorrow } from '@rim/testing';
import { gql, ok, type Platform, siret, startPlatform } from './support/platform';

/**
 * One graph (issue 13), end to end through the gateway with real Keycloak tokens: an organisation
 * with its sites (directory), assets and utilisation (booking) and trips (logistics) in one query;
 * an asset with its owner's legal name; a rename reaching booking's and logistics' copies; and every
 * `@key` type of every subgraph reached directly through `_entities`, without a token and with
 * another organisation's, showing nothing more than the gateway does.
 */

const REGISTER = `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`;
const RENAME = `mutation($id: ID!, $name: String!) { updateOrganisation(id: $id, input: { legalName: $name }) { id legalName } }`;
const ADD_SITE = `mutation($org: ID!, $input: AddSiteInput!) { addSite(organisationId: $org, input: $input) { id } }`;
const LIST_ASSET = `mutation($input: ListAssetInput!) { listAsset(input: $input) { id } }`;
const POST_TRIP = `mutation($input: PostTripInput!) { postTrip(input: $input) { id } }`;
const REQUEST = `mutation($input: RequestShipmentInput!) { requestShipment(input: $input) { id } }`;
const ONE_GRAPH = `query($id: ID!, $from: DateTime!, $to: DateTime!) {
  organisation(id: $id) {
    legalName
    sites { id name }
    assets { id name site { name } utilisation(from: $from, to: $to) { openHours bookedHours } }
    trips { id owner { legalName } }
    openShipments { id shipper { legalName } }
  }
}`;
const ASSET_OWNER = `query($id: ID!) { asset(id: $id) { name organisation { legalName } site { name } } }`;
const TRIP_NAMES = `query($id: ID!) { trip(id: $id) { ownerName owner { legalName } } }`;
const BOOK = `mutation($input: BookSlotInput!) { requestBooking(input: $input) { id status } }`;
const ASK_CO_DELIVERY = `mutation($id: ID!, $input: AskCoDeliveryInput!) { askCoDelivery(bookingId: $id, input: $input) { id } }`;
const BOOKING_WITH_CO_DELIVERY = `{
  myBookings {
    id
    coDeliveryRequest { pallets deliverBy }
    coDelivery { shipment { id pickup { communeInsee } quantities { pallets } shipper { legalName } sourceBooking { id } } trips { trip { id owner { legalName } } detourKm priceEur } }
  }
}`;

/** The next Monday-to-Friday day after today, at `h` o'clock UTC (the asset opens on weekdays). */
const nextWeekday = (h: number) => {
  const d = new Date(Date.now() + 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  d.setUTCHours(h, 0, 0, 0);
  return d.toISOString();
};

describe('one graph through the gateway (e2e)', () => {
  let platform: Platform;
  let gateway: string;
  const tokens: Record<string, string> = {};
  const state: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startPlatform('graph_e2e');
    gateway = platform.gatewayUrl;
    for (const user of ['alice', 'bob', 'carla']) tokens[user] = await accessToken(user);
    ok(await gql(gateway, REGISTER, { input: { siren: '380123455', legalName: "Forges de l'Isère", nafCode: '25.50A', sizeBand: 'SMALL', tier: 2, knowHow: 'trempe maison', knowHowVisibility: 'PARTNERS' } }, { token: tokens.alice }));
    ok(await gql(gateway, REGISTER, { input: { siren: '412345670', legalName: 'Plasturgie du Grésivaudan', nafCode: '22.29A', sizeBand: 'MEDIUM', tier: 2 } }, { token: tokens.bob }));
    state.siteId = ok(await gql(gateway, ADD_SITE, {
      org: ALICE_ORG,
      input: { siret: siret('380123455'), name: 'Atelier de Grenoble', addressLine: '12 rue des Arts', postcode: '38000', communeInsee: '38185' },
    }, { token: tokens.alice })).addSite.id;
    await eventually("alice's site in booking", async () => (await platform.serviceQuery('booking', `SELECT 1 FROM known_site WHERE id = $1`, [state.siteId])).length === 1, { timeoutMs: 120_000 });
    await eventually('both organisations in logistics', async () =>
      (await platform.serviceQuery('logistics', `SELECT 1 FROM known_organisation WHERE id = ANY($1::uuid[])`, [[ALICE_ORG, BOB_ORG]])).length === 2, { timeoutMs: 120_000 });
    state.assetId = ok(await gql(gateway, LIST_ASSET, {
      input: {
        name: 'Centre d’usinage DMU 50', kind: 'MACHINE', processCode: 'CNC_MILLING', siteId: state.siteId, priceModel: 'HOURLY', hourlyRateCents: 4500,
        openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, opens: '08:00', closes: '18:00' })), minBookingMinutes: 60, maxBookingMinutes: 480, cancellationDeadlineHours: 2,
      },
    }, { token: tokens.alice })).listAsset.id;
    state.tripId = ok(await gql(gateway, POST_TRIP, {
      input: {
        vehicleType: 'van-3.5t', origin: GRENOBLE, destination: LYON, departureEarliest: tomorrow(6), departureLatest: tomorrow(8),
        capacity: { pallets: 4, crates: 0, kg: 1000 }, temperatureZone: 'AMBIENT', handling: 'TAIL_LIFT', pricePerPalletEur: 15, maxDetourKm: 20, maxDetourMinutes: 30, ownLoadKg: 200,
      },
    }, { token: tokens.alice })).postTrip.id;
    state.shipmentId = ok(await gql(gateway, REQUEST, {
      input: {
        pickup: GRENOBLE, dropoff: LYON, pickupEarliest: tomorrow(5), pickupLatest: tomorrow(10), dropoffEarliest: tomorrow(7), dropoffLatest: tomorrow(14),
        quantities: { pallets: 1, crates: 0, kg: 250 }, declaredValueEur: 900,
      },
    }, { token: tokens.alice })).requestShipment.id;
  }, 240_000);

  afterAll(() => platform?.stop());

  it('one query returns an organisation with its sites, its assets with their utilisation, its trips and open shipments', async () => {
    const from = new Date(Date.now() - 7 * 86_400_000).toISOString();
    const to = new Date().toISOString();
    const { organisation } = ok(await gql(gateway, ONE_GRAPH, { id: ALICE_ORG, from, to }, { token: tokens.alice }));
    expect(organisation).toEqual({
      legalName: "Forges de l'Isère",
      sites: [{ id: state.siteId, name: 'Atelier de Grenoble' }],
      assets: [{ id: state.assetId, name: 'Centre d’usinage DMU 50', site: { name: 'Atelier de Grenoble' }, utilisation: { openHours: expect.any(Number), bookedHours: 0 } }],
      trips: [{ id: state.tripId, owner: { legalName: "Forges de l'Isère" } }],
      openShipments: [{ id: state.shipmentId, shipper: { legalName: "Forges de l'Isère" } }],
    });
    expect(organisation.assets[0].utilisation.openHours).toBeGreaterThan(0);
    // Another organisation sees the public parts only: no trips, no shipments of alice's.
    const asBob = ok(await gql(gateway, ONE_GRAPH, { id: ALICE_ORG, from, to }, { token: tokens.bob })).organisation;
    expect(asBob.assets).toHaveLength(1);
    expect(asBob.trips).toEqual([]);
    expect(asBob.openShipments).toEqual([]);
  });

  it("an asset shows its owner's legal name and its site, without a token", async () => {
    expect(ok(await gql(gateway, ASSET_OWNER, { id: state.assetId })).asset).toEqual({
      name: 'Centre d’usinage DMU 50',
      organisation: { legalName: "Forges de l'Isère" },
      site: { name: 'Atelier de Grenoble' },
    });
  });

  it('_entities on every subgraph, for every @key type, shows nothing more than the gateway', async () => {
    const entities = async (service: string, representations: unknown[], selection: string, token?: string) => {
      const result = await gql(platform.subgraphUrl(service), `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, { r: representations }, { token });
      expect(result.status).toBe(200);
      return result.json?.data?._entities as unknown[];
    };
    const viaGateway = async (query: string, variables: Record<string, unknown>, token?: string) => (await gql(gateway, query, variables, { token })).json?.data;
    const org = [{ __typename: 'Organisation', id: ALICE_ORG }];
    for (const token of [undefined, tokens.bob]) {
      const sees = await viaGateway(`query($id: ID!) { organisation(id: $id) { id legalName knowHow sites { id siret name } } }`, { id: ALICE_ORG }, token) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(sees.organisation.knowHow).toBeNull();
      expect(await entities('directory', org, '... on Organisation { id legalName knowHow }', token)).toEqual([{ id: ALICE_ORG, legalName: sees.organisation.legalName, knowHow: null }]);
      expect(await entities('directory', [{ __typename: 'Site', id: state.siteId }], '... on Site { id siret name }', token)).toEqual(sees.organisation.sites);

      const assets = (await viaGateway(`query($id: ID!) { assetsOfOrganisation(organisationId: $id) { id name } }`, { id: ALICE_ORG }, token) as any).assetsOfOrganisation; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(await entities('booking', org, '... on Organisation { assets { id name } }', token)).toEqual([{ assets }]);
      const asset = (await viaGateway(`query($id: ID!) { asset(id: $id) { id name organisationId } }`, { id: state.assetId }, token) as any).asset; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(await entities('booking', [{ __typename: 'Asset', id: state.assetId }], '... on Asset { id name organisationId }', token)).toEqual([asset]);

      // No root query lists another organisation's trips or shipments; shipment(id) refuses them.
      expect(await entities('logistics', org, '... on Organisation { trips { id } openShipments { id declaredValueEur } }', token)).toEqual([{ trips: [], openShipments: [] }]);
      const shipment = await gql(gateway, `query($id: ID!) { shipment(id: $id) { id declaredValueEur } }`, { id: state.shipmentId }, { token });
      expect(shipment.json?.data?.shipment ?? null).toBeNull();
      expect(await entities('logistics', [{ __typename: 'Shipment', id: state.shipmentId }], '... on Shipment { id declaredValueEur }', token)).toEqual([null]);
      const trip = (await viaGateway(`query($id: ID!) { trip(id: $id) { id ownerOrganisationId } }`, { id: state.tripId }, token) as any).trip; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(await entities('logistics', [{ __typename: 'Trip', id: state.tripId }], '... on Trip { id ownerOrganisationId }', token)).toEqual([trip]);
    }
    // Positive control: the owner reaches the same representations and sees what was hidden.
    expect(await entities('directory', org, '... on Organisation { knowHow }', tokens.alice)).toEqual([{ knowHow: 'trempe maison' }]);
    expect(await entities('logistics', org, '... on Organisation { trips { id } openShipments { id declaredValueEur } }', tokens.alice))
      .toEqual([{ trips: [{ id: state.tripId }], openShipments: [{ id: state.shipmentId, declaredValueEur: 900 }] }]);
    expect(await entities('logistics', [{ __typename: 'Shipment', id: state.shipmentId }], '... on Shipment { id declaredValueEur }', tokens.alice))
      .toEqual([{ id: state.shipmentId, declaredValueEur: 900 }]);
  });

  it('a rename in the directory reaches booking and logistics', async () => {
    const renamed = 'Forges et Trempes de l’Isère';
    ok(await gql(gateway, RENAME, { id: ALICE_ORG, name: renamed }, { token: tokens.alice }));
    expect(ok(await gql(gateway, ASSET_OWNER, { id: state.assetId })).asset.organisation.legalName).toBe(renamed);
    const renamedAt = Date.now();
    await eventually('the new name on the trip', async () =>
      ok(await gql(gateway, TRIP_NAMES, { id: state.tripId })).trip.ownerName === renamed, { timeoutMs: 120_000 });
    const logisticsMs = Date.now() - renamedAt;
    expect(ok(await gql(gateway, TRIP_NAMES, { id: state.tripId })).trip).toEqual({ ownerName: renamed, owner: { legalName: renamed } });
    await eventually("the new name in booking's copy", async () =>
      (await platform.serviceQuery<{ legal_name: string }>('booking', `SELECT legal_name FROM known_organisation WHERE id = $1`, [ALICE_ORG]))[0]?.legal_name === renamed, { timeoutMs: 120_000 });
    console.log(`rename seen by logistics after ${logisticsMs} ms, by booking after ${Date.now() - renamedAt} ms at most`);
  });

  it('a confirmed booking asks for a co-delivery of its output; the booker sees the matching trips from the booking, in one query', async () => {
    // bob books alice's machine 08:00-10:00 (UTC) on a weekday; alice drives to Lyon at 11:00.
    const booking = ok(await gql(gateway, BOOK, { input: { assetId: state.assetId, startsAt: nextWeekday(8), endsAt: nextWeekday(10) } }, { token: tokens.bob })).requestBooking;
    expect(booking.status).toBe('CONFIRMED');
    const tripId = ok(await gql(gateway, POST_TRIP, {
      input: {
        vehicleType: 'van-3.5t', origin: GRENOBLE, destination: LYON, departureEarliest: nextWeekday(11), departureLatest: nextWeekday(13),
        capacity: { pallets: 4, crates: 0, kg: 1000 }, temperatureZone: 'AMBIENT', handling: 'TAIL_LIFT', pricePerPalletEur: 15, maxDetourKm: 20, maxDetourMinutes: 30, ownLoadKg: 200,
      },
    }, { token: tokens.alice })).postTrip.id;
    const ask = { dropoff: LYON, deliverBy: nextWeekday(20), pallets: 2, crates: 0, kg: 400, declaredValueEur: 3000 };

    // Refusals first, each naming its field, none writing anything.
    const early = await gql(gateway, ASK_CO_DELIVERY, { id: booking.id, input: { ...ask, deliverBy: nextWeekday(9) } }, { token: tokens.bob });
    expect(early.json?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(early.json?.errors?.[0]?.extensions)).toContain('input.deliverBy');
    const byOwner = await gql(gateway, ASK_CO_DELIVERY, { id: booking.id, input: ask }, { token: tokens.alice });
    expect(byOwner.json?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await platform.serviceQuery('booking', `SELECT 1 FROM co_delivery_request WHERE booking_id = $1`, [booking.id])).toHaveLength(0);

    ok(await gql(gateway, ASK_CO_DELIVERY, { id: booking.id, input: ask }, { token: tokens.bob }));
    const twice = await gql(gateway, ASK_CO_DELIVERY, { id: booking.id, input: ask }, { token: tokens.bob });
    expect(twice.json?.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    let seen: Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
    const askedAt = Date.now();
    await eventually('the co-delivery on the booking', async () => {
      seen = ok(await gql(gateway, BOOKING_WITH_CO_DELIVERY, {}, { token: tokens.bob })).myBookings.find((b: { id: string }) => b.id === booking.id);
      return Boolean(seen?.coDelivery);
    }, { timeoutMs: 120_000 });
    console.log(`co-delivery offered on the booking ${Date.now() - askedAt} ms after askCoDelivery`);
    expect(seen!.coDeliveryRequest).toEqual({ pallets: 2, deliverBy: ask.deliverBy });
    expect(seen!.coDelivery.shipment).toEqual({
      id: expect.any(String), pickup: { communeInsee: '38185' }, quantities: { pallets: 2 }, shipper: { legalName: 'Plasturgie du Grésivaudan' }, sourceBooking: { id: booking.id },
    });
    // The 11:00 trip fits; the morning trip leaves before the machine has finished.
    const offered = seen!.coDelivery.trips.map((t: { trip: { id: string } }) => t.trip.id);
    expect(offered).toContain(tripId);
    expect(offered).not.toContain(state.tripId);
    expect(await platform.serviceQuery('logistics', `SELECT 1 FROM shipment_request WHERE source_booking_id = $1`, [booking.id])).toHaveLength(1);

    // Only the booker sees it: the asset owner sees the booking, not bob's shipment; an unrelated
    // organisation reaches neither, through the gateway or through either subgraph's _entities.
    const representation = [{ __typename: 'Booking', id: booking.id }];
    const entities = async (service: string, selection: string, token?: string) =>
      (await gql(platform.subgraphUrl(service), `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, { r: representation }, { token })).json?.data?._entities;
    expect(await entities('booking', '... on Booking { id }', tokens.alice)).toEqual([{ id: booking.id }]);
    expect(await entities('logistics', '... on Booking { coDelivery { shipment { id } } }', tokens.alice)).toEqual([{ coDelivery: null }]);
    for (const token of [undefined, tokens.carla]) {
      expect(await entities('booking', '... on Booking { id }', token)).toEqual([null]);
      expect(await entities('logistics', '... on Booking { coDelivery { shipment { id } } }', token)).toEqual([{ coDelivery: null }]);
    }
    expect(await entities('logistics', '... on Booking { coDelivery { shipment { id } } }', tokens.bob)).toEqual([{ coDelivery: { shipment: { id: seen!.coDelivery.shipment.id } } }]);
  });
});
