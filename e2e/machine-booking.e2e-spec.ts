import { fromBinary } from '@bufbuild/protobuf';
import {
  AssetListedSchema,
  AuthorisationGrantedSchema,
  BookingCancelledSchema,
  BookingConfirmedSchema,
  CancellationReason,
  Topic,
} from '@rim/contracts';
import { accessToken, ALICE_ORG, BOB_ORG, CARLA_ORG, KafkaProbe, tokenSubject, eventually } from '@rim/testing';
import { gql, ok, type Platform, siret, STACK_TRACE, startPlatform } from './support/platform';

/**
 * Machine booking end to end (issue 4, "How it will be checked"): only through the gateway, with
 * tokens from the real Keycloak; directory and booking run as their own processes on scratch
 * databases, and booking learns organisations and sites from directory's events on the real Kafka.
 */
const HOUR = 3_600_000;

const REGISTER = `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`;
const ADD_SITE = `mutation($org: ID!, $input: AddSiteInput!) { addSite(organisationId: $org, input: $input) { id latitude longitude } }`;
const CREATE_TRAINING = `mutation($name: String!) { createTraining(name: $name, expiresAfterUnusedMonths: 12) { id } }`;
const LIST_ASSET = `mutation($input: ListAssetInput!) {
  listAsset(input: $input) { id organisationId siteId latitude longitude requiredTrainingId processCode } }`;
const GRANT = `mutation($t: ID!, $u: ID!, $o: ID!) { grantAuthorisation(trainingId: $t, userId: $u, organisationId: $o) { id } }`;
const BOOK = `mutation($input: BookSlotInput!) { requestBooking(input: $input) { id status startsAt endsAt bookerOrganisationId } }`;
const WAIT = `mutation($input: BookSlotInput!) { joinWaitlist(input: $input) { id status } }`;
const CANCEL = `mutation($id: ID!) { cancelBooking(id: $id) { id status } }`;
const MINE = `{ myBookings { id status fromWaitlist startsAt endsAt } myWaitlist { id status bookingId } }`;

describe('machine booking through the gateway (e2e)', () => {
  let platform: Platform;
  let probe: KafkaProbe;
  let gateway: string;
  const state: { siteId?: string; trainingId?: string; assetId?: string; bobBooking?: string } = {};
  const start = Math.ceil((Date.now() + 72 * HOUR) / HOUR) * HOUR;
  const slot = () => ({ assetId: state.assetId, startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * HOUR).toISOString() });
  const bookings = async () => (await platform.serviceQuery<{ n: number }>('booking', `SELECT count(*)::int AS n FROM booking`))[0].n;

  beforeAll(async () => {
    // Probe first: it sees only what is published after it joins.
    probe = await KafkaProbe.start([Topic.AssetListed, Topic.AuthorisationGranted, Topic.BookingConfirmed, Topic.BookingCancelled]);
    platform = await startPlatform('booking_e2e');
    gateway = platform.gatewayUrl;
  }, 180_000);

  afterAll(async () => {
    await probe?.stop();
    await platform?.stop();
  });

  it('organisations registered in the directory, and alice\'s site, reach booking through events', async () => {
    const organisations = [
      { user: 'alice', input: { siren: '380123455', legalName: "Forges de l'Isère", nafCode: '25.50A', sizeBand: 'SMALL', tier: 2 } },
      { user: 'bob', input: { siren: '412345670', legalName: 'Plasturgie du Grésivaudan', nafCode: '22.29A', sizeBand: 'MEDIUM', tier: 2 } },
      { user: 'carla', input: { siren: '423456789', legalName: 'Mécatronique des Alpes', nafCode: '28.29B', sizeBand: 'INTERMEDIATE', tier: 1 } },
    ];
    for (const { user, input } of organisations) ok(await gql(gateway, REGISTER, { input }, { token: await accessToken(user) }));
    const site = ok(await gql(gateway, ADD_SITE, {
      org: ALICE_ORG,
      input: { siret: siret('380123455'), name: 'Fablab des Forges', addressLine: '12 rue des Arts', postcode: '38000', communeInsee: '38185' },
    }, { token: await accessToken('alice') })).addSite;
    state.siteId = site.id;

    await eventually('the three organisations', async () =>
      (await platform.serviceQuery('booking', `SELECT 1 FROM known_organisation WHERE id = ANY($1::uuid[])`, [[ALICE_ORG, BOB_ORG, CARLA_ORG]])).length === 3, { timeoutMs: 150_000 });
    await eventually("alice's site", async () => (await platform.serviceQuery('booking', `SELECT 1 FROM known_site WHERE id = $1`, [state.siteId])).length === 1, { timeoutMs: 150_000 });
    // Bounded wait, not a speed claim: the consumer group may be rebalancing on a shared broker.
  }, 200_000);

  it('alice lists a laser cutter at her site that requires a training; asset-listed is on Kafka', async () => {
    const alice = await accessToken('alice');
    state.trainingId = ok(await gql(gateway, CREATE_TRAINING, { name: 'Laser cutter safety' }, { token: alice })).createTraining.id;
    const asset = ok(await gql(gateway, LIST_ASSET, {
      input: {
        name: 'Trotec Speedy 400',
        kind: 'MACHINE',
        processCode: 'LASER_CUTTING',
        siteId: state.siteId,
        requiredTrainingId: state.trainingId,
        priceModel: 'HOURLY',
        hourlyRateCents: 1500,
        openingHours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '00:00', closes: '24:00' })),
        minBookingMinutes: 60,
        maxBookingMinutes: 240,
        cancellationDeadlineHours: 24,
      },
    }, { token: alice })).listAsset;
    // The location comes from the site booking learnt from directory.site-added.
    expect(asset).toMatchObject({ organisationId: ALICE_ORG, siteId: state.siteId, requiredTrainingId: state.trainingId });
    expect(asset.latitude).toBeCloseTo(45.18, 1);
    state.assetId = asset.id;

    const record = await probe.waitFor((r) => r.topic === Topic.AssetListed && r.key === state.assetId);
    expect(fromBinary(AssetListedSchema, record.value)).toMatchObject({ assetId: state.assetId, organisationId: ALICE_ORG, processCode: 'LASER_CUTTING', requiresTraining: true });
  });

  it('bob is refused without the authorisation, with the reason, and nothing is written', async () => {
    const refused = await gql(gateway, BOOK, { input: slot() }, { token: await accessToken('bob') });
    expect(refused.status).toBeLessThan(500);
    expect(refused.json?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.json?.errors?.[0]?.message).toContain('missing authorisation: this asset requires the training "Laser cutter safety"');
    expect(refused.text).not.toMatch(STACK_TRACE);
    expect(await bookings()).toBe(0);
  });

  it('alice grants bob the authorisation; his booking is confirmed; both events are on Kafka', async () => {
    const bob = await accessToken('bob');
    ok(await gql(gateway, GRANT, { t: state.trainingId, u: tokenSubject(bob), o: BOB_ORG }, { token: await accessToken('alice') }));
    const granted = await probe.waitFor((r) => r.topic === Topic.AuthorisationGranted && fromBinary(AuthorisationGrantedSchema, r.value).trainingId === state.trainingId);
    expect(fromBinary(AuthorisationGrantedSchema, granted.value)).toMatchObject({ trainingOrganisationId: ALICE_ORG, holderOrganisationId: BOB_ORG });

    const booked = ok(await gql(gateway, BOOK, { input: slot() }, { token: bob })).requestBooking;
    expect(booked).toMatchObject({ status: 'CONFIRMED', bookerOrganisationId: BOB_ORG, startsAt: slot().startsAt, endsAt: slot().endsAt });
    state.bobBooking = booked.id;
    const confirmed = await probe.waitFor((r) => r.topic === Topic.BookingConfirmed && fromBinary(BookingConfirmedSchema, r.value).bookingId === state.bobBooking);
    expect(fromBinary(BookingConfirmedSchema, confirmed.value)).toMatchObject({
      assetId: state.assetId,
      assetOrganisationId: ALICE_ORG,
      bookerOrganisationId: BOB_ORG,
      slot: { start: slot().startsAt, end: slot().endsAt },
      fromWaitlist: false,
    });
  });

  it('carla, of another organisation, is refused the same slot, naming the conflict; she joins the waitlist', async () => {
    const carla = await accessToken('carla');
    ok(await gql(gateway, GRANT, { t: state.trainingId, u: tokenSubject(carla), o: CARLA_ORG }, { token: await accessToken('alice') }));
    const refused = await gql(gateway, BOOK, { input: slot() }, { token: carla });
    expect(refused.status).toBeLessThan(500);
    expect(refused.json?.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(refused.json?.errors?.[0]?.message).toContain(
      `slot taken: asset ${state.assetId} is booked from ${slot().startsAt} to ${slot().endsAt} by booking ${state.bobBooking}`,
    );
    expect(await bookings()).toBe(1);
    expect(ok(await gql(gateway, WAIT, { input: slot() }, { token: carla })).joinWaitlist).toMatchObject({ status: 'WAITING' });
  });

  it('bob cancels; the slot is offered to carla\'s waitlisted request; booking-cancelled and booking-confirmed are on Kafka', async () => {
    expect(ok(await gql(gateway, CANCEL, { id: state.bobBooking }, { token: await accessToken('bob') })).cancelBooking).toMatchObject({ status: 'CANCELLED' });
    const cancelled = await probe.waitFor((r) => r.topic === Topic.BookingCancelled && fromBinary(BookingCancelledSchema, r.value).bookingId === state.bobBooking);
    expect(fromBinary(BookingCancelledSchema, cancelled.value)).toMatchObject({ assetId: state.assetId, bookerOrganisationId: BOB_ORG, reason: CancellationReason.BY_BOOKER, wasConfirmed: true });

    const mine = ok(await gql(gateway, MINE, {}, { token: await accessToken('carla') }));
    expect(mine.myBookings).toEqual([expect.objectContaining({ status: 'CONFIRMED', fromWaitlist: true, startsAt: slot().startsAt, endsAt: slot().endsAt })]);
    expect(mine.myWaitlist).toEqual([expect.objectContaining({ status: 'CONFIRMED', bookingId: mine.myBookings[0].id })]);
    const offered = await probe.waitFor((r) => r.topic === Topic.BookingConfirmed && fromBinary(BookingConfirmedSchema, r.value).bookingId === mine.myBookings[0].id);
    expect(fromBinary(BookingConfirmedSchema, offered.value)).toMatchObject({ assetId: state.assetId, bookerOrganisationId: CARLA_ORG, fromWaitlist: true });

    const [{ overlaps }] = await platform.serviceQuery<{ overlaps: number }>('booking',
      `SELECT count(*)::int AS overlaps FROM booking a JOIN booking b ON a.asset_id = b.asset_id AND a.id < b.id AND a.slot && b.slot
        WHERE a.status = 'CONFIRMED' AND b.status = 'CONFIRMED'`);
    expect(overlaps).toBe(0);
  });
});
