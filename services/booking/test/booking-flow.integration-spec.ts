import { join } from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import {
  AssetListedSchema,
  AuthorisationGrantedSchema,
  BookingCancelledSchema,
  BookingConfirmedSchema,
  CancellationReason,
  Topic,
} from '@rim/contracts';
import { subgraphSdl } from '@rim/service-kit';
import { accessToken, ALICE_ORG, BOB_ORG, CARLA_ORG, graphql, KafkaProbe, tokenSubject, serviceTestEnv, startSubgraphUnderTest, expectCommittedSchema } from '@rim/testing';
import { AppModule } from '../src/app.module';
import { loadBookingConfig } from '../src/booking.config';

const HOUR = 3_600_000;

const CREATE_TRAINING = `mutation($name: String!) { createTraining(name: $name, expiresAfterUnusedMonths: 6) { id name organisationId } }`;
const LIST_ASSET = `mutation($input: ListAssetInput!) { listAsset(input: $input) { id organisationId requiredTrainingId processCode specs { name value } } }`;
const GRANT = `mutation($t: ID!, $u: ID!, $o: ID!) { grantAuthorisation(trainingId: $t, userId: $u, organisationId: $o) { id organisationId } }`;
const BOOK = `mutation($input: BookSlotInput!) { requestBooking(input: $input) { id status startsAt endsAt bookerOrganisationId priceCents fromWaitlist } }`;
const WAIT = `mutation($input: BookSlotInput!) { joinWaitlist(input: $input) { id status } }`;
const CANCEL = `mutation($id: ID!) { cancelBooking(id: $id) { id status cancellationReason } }`;
const MINE = `{ myBookings { id status fromWaitlist startsAt } myWaitlist { id status bookingId } }`;
const FREE = `query($input: FreeSlotsInput!) { freeSlots(input: $input) { asset { id } startsAt endsAt distanceKm } }`;
const UTILISATION = `query($id: ID!, $from: DateTime!, $to: DateTime!) { utilisation(assetId: $id, from: $from, to: $to) { openHours bookedHours ratio } }`;

describe('booking service: training-gated asset, conflicts and waitlist, with real Postgres, Kafka and Keycloak', () => {
  let app: NestExpressApplication;
  let url: string;
  let dataSource: DataSource;
  let stop: () => Promise<void>;
  let probe: KafkaProbe;
  const state: { trainingId?: string; assetId?: string; bobBooking?: string } = {};
  const start = new Date(Math.ceil((Date.now() + 48 * HOUR) / HOUR) * HOUR);
  const slot = () => ({ assetId: state.assetId, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * HOUR).toISOString() });

  beforeAll(async () => {
    probe = await KafkaProbe.start([Topic.AssetListed, Topic.AuthorisationGranted, Topic.BookingConfirmed, Topic.BookingCancelled]);
    ({ app, url, dataSource, stop } = await startSubgraphUnderTest('booking', (databaseUrl) =>
      AppModule.forRoot(loadBookingConfig(serviceTestEnv('booking', databaseUrl)))));
  });

  afterAll(async () => {
    await probe?.stop();
    await stop?.();
  });

  it('commits the emitted subgraph schema (UPDATE_SCHEMAS=1 npm run test:integration rewrites it, never in CI)', () => {
    expectCommittedSchema(subgraphSdl(app), join(__dirname, '..', 'schema.graphql'));
  });

  it('lists a training-gated laser cutter and publishes asset-listed', async () => {
    const alice = await accessToken('alice');
    const training = await graphql<{ createTraining: { id: string } }>(url, CREATE_TRAINING, { name: 'Laser safety' }, alice);
    expect(training.errors).toBeUndefined();
    state.trainingId = training.data!.createTraining.id;
    const listed = await graphql<{ listAsset: { id: string; organisationId: string } }>(url, LIST_ASSET, {
      input: {
        name: 'Trotec Speedy 400',
        kind: 'MACHINE',
        processCode: 'LASER_CUTTING',
        specs: [{ name: 'bed', value: '1000x610 mm' }],
        latitude: 45.1885,
        longitude: 5.7245,
        requiredTrainingId: state.trainingId,
        priceModel: 'HOURLY',
        hourlyRateCents: 1500,
        openingHours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '00:00', closes: '24:00' })),
        minBookingMinutes: 60,
        maxBookingMinutes: 240,
        cancellationDeadlineHours: 2,
      },
    }, alice);
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.listAsset.organisationId).toBe(ALICE_ORG);
    state.assetId = listed.data!.listAsset.id;
    const record = await probe.waitFor((r) => r.topic === Topic.AssetListed && r.key === state.assetId);
    expect(fromBinary(AssetListedSchema, record.value)).toMatchObject({ assetId: state.assetId, organisationId: ALICE_ORG, processCode: 'LASER_CUTTING', requiresTraining: true });
    expect(record.headers).toMatchObject({ ce_type: 'marketplace.booking.v1.AssetListed', ce_source: 'booking' });
  });

  it('refuses bob without the authorisation, naming the training, and writes nothing', async () => {
    const result = await graphql(url, BOOK, { input: slot() }, await accessToken('bob'));
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('missing authorisation: this asset requires the training "Laser safety"');
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM booking`);
    expect(n).toBe(0);
  });

  it('refuses a member of another organisation who tries to edit the asset', async () => {
    const result = await graphql(url, `mutation($id: ID!) { updateAvailability(assetId: $id, input: { bufferMinutes: 30 }) { id } }`, { id: state.assetId }, await accessToken('bob'));
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('books for bob once alice grants him the authorisation', async () => {
    const alice = await accessToken('alice');
    const bob = await accessToken('bob');
    const granted = await graphql(url, GRANT, { t: state.trainingId, u: tokenSubject(bob), o: BOB_ORG }, alice);
    expect(granted.errors).toBeUndefined();
    const grantRecord = await probe.waitFor((r) => r.topic === Topic.AuthorisationGranted);
    expect(fromBinary(AuthorisationGrantedSchema, grantRecord.value)).toMatchObject({ trainingId: state.trainingId, trainingOrganisationId: ALICE_ORG, holderOrganisationId: BOB_ORG });

    const booked = await graphql<{ requestBooking: { id: string; status: string; priceCents: number } }>(url, BOOK, { input: slot() }, bob);
    expect(booked.errors).toBeUndefined();
    expect(booked.data!.requestBooking).toMatchObject({ status: 'CONFIRMED', priceCents: 3000 });
    state.bobBooking = booked.data!.requestBooking.id;
    const record = await probe.waitFor((r) => r.topic === Topic.BookingConfirmed && fromBinary(BookingConfirmedSchema, r.value).bookingId === state.bobBooking);
    expect(fromBinary(BookingConfirmedSchema, record.value)).toMatchObject({
      assetId: state.assetId,
      assetOrganisationId: ALICE_ORG,
      bookerOrganisationId: BOB_ORG,
      slot: { start: slot().startsAt, end: slot().endsAt },
      fromWaitlist: false,
    });
  });

  it('refuses carla the same slot, naming the conflicting booking; she joins the waitlist', async () => {
    const carla = await accessToken('carla');
    await graphql(url, GRANT, { t: state.trainingId, u: tokenSubject(carla), o: CARLA_ORG }, await accessToken('alice'));
    const overlapping = { ...slot(), startsAt: new Date(start.getTime() + HOUR).toISOString(), endsAt: new Date(start.getTime() + 3 * HOUR).toISOString() };
    const refused = await graphql(url, BOOK, { input: overlapping }, carla);
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0]?.message).toContain(`slot taken: asset ${state.assetId} is booked from ${slot().startsAt} to ${slot().endsAt} by booking ${state.bobBooking}`);
    const waiting = await graphql(url, WAIT, { input: overlapping }, carla);
    expect(waiting.errors).toBeUndefined();
    expect(waiting.data?.joinWaitlist).toMatchObject({ status: 'WAITING' });
  });

  it('answers what is free, and utilisation, around the booking', async () => {
    const free = await graphql<{ freeSlots: Array<{ startsAt: string; endsAt: string }> }>(url, FREE, {
      input: { processCode: 'LASER_CUTTING', from: start.toISOString(), to: new Date(start.getTime() + 6 * HOUR).toISOString(), minMinutes: 60, near: { latitude: 45.19, longitude: 5.72, radiusKm: 10 } },
    });
    expect(free.errors).toBeUndefined();
    expect(free.data!.freeSlots).toEqual([expect.objectContaining({ startsAt: slot().endsAt, endsAt: new Date(start.getTime() + 6 * HOUR).toISOString() })]);
    const far = await graphql<{ freeSlots: unknown[] }>(url, FREE, {
      input: { processCode: 'LASER_CUTTING', from: start.toISOString(), to: new Date(start.getTime() + 6 * HOUR).toISOString(), minMinutes: 60, near: { latitude: 48.85, longitude: 2.35, radiusKm: 50 } },
    });
    expect(far.data!.freeSlots).toEqual([]);
    const used = await graphql(url, UTILISATION, { id: state.assetId, from: start.toISOString(), to: new Date(start.getTime() + 8 * HOUR).toISOString() });
    expect(used.data?.utilisation).toEqual({ openHours: 8, bookedHours: 2, ratio: 0.25 });
  });

  it("offers bob's cancelled slot to carla's waitlisted request, with events", async () => {
    const cancelled = await graphql(url, CANCEL, { id: state.bobBooking }, await accessToken('bob'));
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data?.cancelBooking).toMatchObject({ status: 'CANCELLED', cancellationReason: 'by booker' });
    const cancelRecord = await probe.waitFor((r) => r.topic === Topic.BookingCancelled);
    expect(fromBinary(BookingCancelledSchema, cancelRecord.value)).toMatchObject({ bookingId: state.bobBooking, reason: CancellationReason.BY_BOOKER, wasConfirmed: true });

    const mine = await graphql<{ myBookings: Array<{ id: string; status: string; fromWaitlist: boolean }>; myWaitlist: Array<{ status: string; bookingId: string }> }>(
      url, MINE, {}, await accessToken('carla'));
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.myBookings).toEqual([expect.objectContaining({ status: 'CONFIRMED', fromWaitlist: true })]);
    expect(mine.data!.myWaitlist).toEqual([expect.objectContaining({ status: 'CONFIRMED', bookingId: mine.data!.myBookings[0].id })]);
    const offered = await probe.waitFor((r) => r.topic === Topic.BookingConfirmed && fromBinary(BookingConfirmedSchema, r.value).fromWaitlist);
    expect(fromBinary(BookingConfirmedSchema, offered.value)).toMatchObject({ bookerOrganisationId: CARLA_ORG, bookingId: mine.data!.myBookings[0].id });
  });
});
