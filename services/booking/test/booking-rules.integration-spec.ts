import { randomUUID } from 'node:crypto';
import { fromBinary } from '@bufbuild/protobuf';
import { DataSource } from 'typeorm';
import { BookingConfirmedSchema, Topic } from '@rim/contracts';
import { accessToken, BOB_ORG, CARLA_ORG, DAN_ORG, graphql, tokenSubject, serviceTestEnv, startSubgraphUnderTest } from '@rim/testing';
import { AppModule } from '../src/app.module';
import { loadBookingConfig } from '../src/booking.config';

/**
 * The booking rules of issue 4 that the flow test does not walk through: plan quota, owner
 * approval, bring-forward, operator override, opening hours, authorisation expiry, equivalence
 * between sites, and the operator onboarding another organisation's assets. Each refusal is
 * checked for its reason and for writing nothing; each has a positive control beside it.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ALWAYS_OPEN = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '00:00', closes: '24:00' }));
const WORKING_WEEK = [1, 2, 3, 4, 5].map((day) => ({ day, opens: '08:00', closes: '18:00' }));

const LIST_ASSET = `mutation($input: ListAssetInput!) { listAsset(input: $input) { id organisationId planId requiredTrainingId } }`;
const CREATE_PLAN = `mutation($name: String!, $price: Int!, $quota: Int!, $org: ID) {
  createPlan(name: $name, monthlyPriceCents: $price, monthlyHourQuota: $quota, organisationId: $org) { id organisationId } }`;
const SUBSCRIBE = `mutation($id: ID!) { subscribeToPlan(planId: $id) { id } }`;
const CREATE_TRAINING = `mutation($name: String!, $months: Int!, $org: ID) {
  createTraining(name: $name, expiresAfterUnusedMonths: $months, organisationId: $org) { id organisationId } }`;
const GRANT = `mutation($t: ID!, $u: ID!, $o: ID!) { grantAuthorisation(trainingId: $t, userId: $u, organisationId: $o) { id } }`;
const EQUIVALENCE = `mutation($t: ID!, $r: ID!) { declareTrainingEquivalence(trainingId: $t, recognisedTrainingId: $r) { id } }`;
const BOOK = `mutation($input: BookSlotInput!) { requestBooking(input: $input) { id status startsAt endsAt priceCents planId } }`;
const APPROVE = `mutation($id: ID!) { approveBooking(id: $id) { id status } }`;
const FORWARD = `mutation($id: ID!) { bringBookingForward(id: $id) { moved message booking { id startsAt endsAt status } } }`;
const OVERRIDE = `mutation($id: ID!, $s: DateTime!, $e: DateTime!) { overrideBookingSlot(id: $id, startsAt: $s, endsAt: $e) { id status startsAt endsAt } }`;

type Result<T = Record<string, any>> = Awaited<ReturnType<typeof graphql<T>>>; // eslint-disable-line @typescript-eslint/no-explicit-any

const iso = (ms: number) => new Date(ms).toISOString();

/** The next instant at `hourUtc` on a given UTC weekday (0 = Sunday), at least `minDays` from now. */
function nextWeekday(weekday: number, hourUtc: number, minDays: number): number {
  const d = new Date(Date.now() + minDays * DAY);
  d.setUTCHours(hourUtc, 0, 0, 0);
  while (d.getUTCDay() !== weekday) d.setUTCDate(d.getUTCDate() + 1);
  return d.getTime();
}

describe('booking rules through GraphQL, with real Postgres and Keycloak', () => {
  let url: string;
  let dataSource: DataSource;
  let stop: () => Promise<void>;

  const call = async <T = Record<string, any>>(query: string, variables: Record<string, unknown>, user: string): Promise<Result<T>> => // eslint-disable-line @typescript-eslint/no-explicit-any
    graphql<T>(url, query, variables, await accessToken(user));
  const ok = <T,>(result: Result<T>): T => {
    expect(result.errors).toBeUndefined();
    return result.data as T;
  };
  const bookingsOf = async (assetId: string): Promise<number> =>
    (await dataSource.query(`SELECT count(*)::int AS n FROM booking WHERE asset_id = $1`, [assetId]))[0].n;
  const listAsset = async (user: string, input: Record<string, unknown>): Promise<string> =>
    ok(await call<{ listAsset: { id: string } }>(LIST_ASSET, { input: { kind: 'MACHINE', minBookingMinutes: 60, maxBookingMinutes: 480, ...input } }, user)).listAsset.id;

  beforeAll(async () => {
    ({ url, dataSource, stop } = await startSubgraphUnderTest('booking_rules', (databaseUrl) =>
      AppModule.forRoot(loadBookingConfig(serviceTestEnv('booking', databaseUrl)))));
  });

  afterAll(async () => {
    await stop?.();
  });

  it('refuses a booking beyond the plan hour quota, with the figures, and bills nothing within it', async () => {
    const plan = ok(await call<{ createPlan: { id: string } }>(CREATE_PLAN, { name: 'Fablab Maker', price: 15_000, quota: 4 }, 'alice')).createPlan;
    const assetId = await listAsset('alice', { name: 'Prusa MK4', processCode: 'ADDITIVE_MANUFACTURING', priceModel: 'SUBSCRIPTION', planId: plan.id, openingHours: ALWAYS_OPEN });
    // The 10th of next month, so both bookings fall in one calendar month whatever today is.
    const now = new Date();
    const base = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 10, 8);

    const unsubscribed = await call(BOOK, { input: { assetId, startsAt: iso(base), endsAt: iso(base + HOUR) } }, 'bob');
    expect(unsubscribed.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(unsubscribed.errors?.[0]?.message).toContain('subscribe first');

    ok(await call(SUBSCRIBE, { id: plan.id }, 'bob'));
    const first = ok(await call<{ requestBooking: { status: string; priceCents: number; planId: string } }>(BOOK, { input: { assetId, startsAt: iso(base), endsAt: iso(base + 3 * HOUR) } }, 'bob'));
    expect(first.requestBooking).toMatchObject({ status: 'CONFIRMED', priceCents: 0, planId: plan.id });

    const beyond = await call(BOOK, { input: { assetId, startsAt: iso(base + 4 * HOUR), endsAt: iso(base + 6 * HOUR) } }, 'bob');
    expect(beyond.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(beyond.errors?.[0]?.message).toContain('beyond plan quota: plan "Fablab Maker" includes 4 h a month, 3 h already booked, 1 h left, 2 h requested');
    expect(await bookingsOf(assetId)).toBe(1);

    // Positive control: the hour that is left is still bookable.
    const last = await call<{ requestBooking: { status: string } }>(BOOK, { input: { assetId, startsAt: iso(base + 4 * HOUR), endsAt: iso(base + 5 * HOUR) } }, 'bob');
    expect(ok(last).requestBooking.status).toBe('CONFIRMED');
  });

  it('refuses a reversed window and a date-time without an offset before any query, naming the field; writes nothing', async () => {
    const assetId = await listAsset('alice', { name: 'Haas VF-2 (windows)', processCode: 'CNC_MILLING', priceModel: 'HOURLY', hourlyRateCents: 4_000, openingHours: ALWAYS_OPEN });
    const start = Math.ceil((Date.now() + 50 * HOUR) / HOUR) * HOUR;

    const reversed = await call(BOOK, { input: { assetId, startsAt: iso(start + HOUR), endsAt: iso(start) } }, 'bob');
    expect(reversed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(reversed.errors?.[0]?.extensions?.fields).toEqual([expect.objectContaining({ field: 'input.endsAt', reason: 'must be after startsAt' })]);
    const empty = await call(BOOK, { input: { assetId, startsAt: iso(start), endsAt: iso(start) } }, 'bob');
    expect(empty.errors?.[0]?.extensions?.fields).toEqual([expect.objectContaining({ field: 'input.endsAt' })]);

    // "10:00" in Paris or in UTC? Without an offset the service cannot know; it says so.
    const local = new Date(start).toISOString().slice(0, 19);
    const noOffset = await call(BOOK, { input: { assetId, startsAt: local, endsAt: iso(start + HOUR) } }, 'bob');
    expect(noOffset.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(noOffset.errors?.[0]?.message).toContain('startsAt');
    expect(noOffset.errors?.[0]?.message).toContain('has no offset');
    expect(await bookingsOf(assetId)).toBe(0);

    // Positive control: the same slot, in order and with its offset, is booked.
    const booked = await call<{ requestBooking: { status: string; startsAt: string } }>(BOOK, { input: { assetId, startsAt: `${local}+00:00`, endsAt: iso(start + HOUR) } }, 'bob');
    expect(ok(booked).requestBooking).toMatchObject({ status: 'CONFIRMED', startsAt: iso(start) });
  });

  it('keeps a booking REQUESTED until the owner approves it; only then is booking-confirmed written', async () => {
    const assetId = await listAsset('alice', { name: 'Idle injection line 2', kind: 'PRODUCTION_LINE', processCode: 'INJECTION_MOULDING', priceModel: 'HOURLY', hourlyRateCents: 9_000, requiresApproval: true, openingHours: ALWAYS_OPEN });
    const start = Math.ceil((Date.now() + 72 * HOUR) / HOUR) * HOUR;
    const confirmedEvents = async () =>
      (await dataSource.query(`SELECT payload FROM outbox_message WHERE topic = $1`, [Topic.BookingConfirmed]))
        .map((r: { payload: Buffer }) => fromBinary(BookingConfirmedSchema, r.payload))
        .filter((e: { assetId: string }) => e.assetId === assetId);

    const requested = ok(await call<{ requestBooking: { id: string; status: string; priceCents: number } }>(BOOK, { input: { assetId, startsAt: iso(start), endsAt: iso(start + 2 * HOUR) } }, 'bob')).requestBooking;
    expect(requested).toMatchObject({ status: 'REQUESTED', priceCents: 18_000 });
    expect(await confirmedEvents()).toEqual([]);

    const byBooker = await call(APPROVE, { id: requested.id }, 'bob');
    expect(byBooker.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [{ status }] = await dataSource.query(`SELECT status FROM booking WHERE id = $1`, [requested.id]);
    expect(status).toBe('REQUESTED');

    const approved = ok(await call<{ approveBooking: { status: string } }>(APPROVE, { id: requested.id }, 'alice'));
    expect(approved.approveBooking.status).toBe('CONFIRMED');
    expect(await confirmedEvents()).toEqual([expect.objectContaining({ bookingId: requested.id, bookerOrganisationId: BOB_ORG })]);

    const again = await call(APPROVE, { id: requested.id }, 'alice');
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(again.errors?.[0]?.message).toContain('only a REQUESTED booking can be approved');
  });

  it('brings a booking forward to the nearest free slot at once, and says so when there is none', async () => {
    const base = Math.ceil((Date.now() + 48 * HOUR) / HOUR) * HOUR;
    // 47 h notice: nothing can start before base - 1 h, so the earliest free 2 h are after carla's booking.
    const assetId = await listAsset('alice', { name: 'Haas VF-2', processCode: 'CNC_MILLING', priceModel: 'HOURLY', hourlyRateCents: 4_500, minNoticeMinutes: 47 * 60, openingHours: ALWAYS_OPEN });
    ok(await call(BOOK, { input: { assetId, startsAt: iso(base), endsAt: iso(base + 2 * HOUR) } }, 'carla'));
    const bobs = ok(await call<{ requestBooking: { id: string } }>(BOOK, { input: { assetId, startsAt: iso(base + 5 * HOUR), endsAt: iso(base + 7 * HOUR) } }, 'bob')).requestBooking;

    const moved = ok(await call<{ bringBookingForward: { moved: boolean; message: string; booking: { startsAt: string; endsAt: string } } }>(FORWARD, { id: bobs.id }, 'bob')).bringBookingForward;
    expect(moved).toMatchObject({ moved: true, booking: { startsAt: iso(base + 2 * HOUR), endsAt: iso(base + 4 * HOUR) } });
    expect(moved.message).toBe(`moved to ${iso(base + 2 * HOUR)}, the nearest earlier free slot`);

    const stays = ok(await call<{ bringBookingForward: { moved: boolean; message: string; booking: { startsAt: string } } }>(FORWARD, { id: bobs.id }, 'bob')).bringBookingForward;
    expect(stays).toMatchObject({ moved: false, booking: { startsAt: iso(base + 2 * HOUR) } });
    expect(stays.message).toBe(`no earlier free slot of 120 min before ${iso(base + 2 * HOUR)}`);

    const other = await call(FORWARD, { id: bobs.id }, 'carla');
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a slot outside opening hours, naming them; an operator may override the plan, never into an overlap', async () => {
    const assetId = await listAsset('alice', { name: 'Amada press brake', processCode: 'SHEET_METAL_BENDING', priceModel: 'HOURLY', hourlyRateCents: 3_000, openingHours: WORKING_WEEK });
    const saturday = nextWeekday(6, 9, 3);
    const wednesday = nextWeekday(3, 9, 3);

    const closed = await call(BOOK, { input: { assetId, startsAt: iso(saturday), endsAt: iso(saturday + 2 * HOUR) } }, 'bob');
    expect(closed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(closed.errors?.[0]?.message).toContain('outside opening hours (Mon 08:00-18:00, Tue 08:00-18:00');
    expect(closed.errors?.[0]?.extensions?.fields).toEqual([expect.objectContaining({ field: 'input.startsAt' })]);
    expect(await bookingsOf(assetId)).toBe(0);

    const bobs = ok(await call<{ requestBooking: { id: string } }>(BOOK, { input: { assetId, startsAt: iso(wednesday), endsAt: iso(wednesday + 2 * HOUR) } }, 'bob')).requestBooking;
    const carlas = ok(await call<{ requestBooking: { id: string } }>(BOOK, { input: { assetId, startsAt: iso(wednesday + 3 * HOUR), endsAt: iso(wednesday + 4 * HOUR) } }, 'carla')).requestBooking;

    const notOperator = await call(OVERRIDE, { id: bobs.id, s: iso(saturday), e: iso(saturday + 2 * HOUR) }, 'alice');
    expect(notOperator.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const overridden = ok(await call<{ overrideBookingSlot: { status: string; startsAt: string; endsAt: string } }>(OVERRIDE, { id: bobs.id, s: iso(saturday), e: iso(saturday + 2 * HOUR) }, 'oscar'));
    expect(overridden.overrideBookingSlot).toEqual({ id: bobs.id, status: 'CONFIRMED', startsAt: iso(saturday), endsAt: iso(saturday + 2 * HOUR) });

    const overlap = await call(OVERRIDE, { id: bobs.id, s: iso(wednesday + 3 * HOUR), e: iso(wednesday + 5 * HOUR) }, 'oscar');
    expect(overlap.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(overlap.errors?.[0]?.message).toContain(`by booking ${carlas.id}`);
    const [row] = await dataSource.query(`SELECT starts_at FROM booking WHERE id = $1`, [bobs.id]);
    expect(new Date(row.starts_at).toISOString()).toBe(iso(saturday));
  });

  it('lets an authorisation lapse after its months unused; each booking renews it', async () => {
    const training = ok(await call<{ createTraining: { id: string } }>(CREATE_TRAINING, { name: 'Waterjet safety', months: 6 }, 'alice')).createTraining;
    const assetId = await listAsset('alice', { name: 'Flow waterjet', processCode: 'WATERJET_CUTTING', priceModel: 'HOURLY', hourlyRateCents: 6_000, requiredTrainingId: training.id, openingHours: ALWAYS_OPEN });
    const dan = await accessToken('dan');
    ok(await graphql(url, GRANT, { t: training.id, u: tokenSubject(dan), o: DAN_ORG }, await accessToken('alice')));
    const start = Math.ceil((Date.now() + 30 * HOUR) / HOUR) * HOUR;

    // Granted 5 months ago, never used: still valid.
    await dataSource.query(`UPDATE authorisation SET granted_at = now() - interval '5 months' WHERE training_id = $1`, [training.id]);
    ok(await graphql(url, BOOK, { input: { assetId, startsAt: iso(start), endsAt: iso(start + HOUR) } }, dan));
    const [used] = await dataSource.query(`SELECT last_used_at FROM authorisation WHERE training_id = $1`, [training.id]);
    expect(Date.now() - new Date(used.last_used_at).getTime()).toBeLessThan(DAY);

    // Last used 7 months ago: lapsed.
    await dataSource.query(`UPDATE authorisation SET granted_at = now() - interval '9 months', last_used_at = now() - interval '7 months' WHERE training_id = $1`, [training.id]);
    const lapsed = await graphql(url, BOOK, { input: { assetId, startsAt: iso(start + 2 * HOUR), endsAt: iso(start + 3 * HOUR) } }, dan);
    expect(lapsed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(lapsed.errors?.[0]?.message).toContain('missing authorisation: this asset requires the training "Waterjet safety"');
    expect(lapsed.errors?.[0]?.message).toContain('lapses after 6 months unused');
    expect(await bookingsOf(assetId)).toBe(1);
  });

  it('an operator onboards another organisation; its training is recognised at a site that declares the equivalence', async () => {
    const fablab = randomUUID();
    const unknown = await call(CREATE_TRAINING, { name: 'Laser (fablab)', months: 12, org: fablab }, 'oscar');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(unknown.errors?.[0]?.message).toContain(`unknown organisation ${fablab}`);
    const notOperator = await call(CREATE_TRAINING, { name: 'Laser (fablab)', months: 12, org: fablab }, 'alice');
    expect(notOperator.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await dataSource.query(`SELECT 1 FROM training WHERE name = 'Laser (fablab)'`)).toEqual([]);

    // What directory.organisation-registered.v1 leaves behind.
    await dataSource.query(`INSERT INTO known_organisation (id, legal_name) VALUES ($1, 'FabLab Grenoble Alpes')`, [fablab]);
    const fablabTraining = ok(await call<{ createTraining: { id: string; organisationId: string } }>(CREATE_TRAINING, { name: 'Laser (fablab)', months: 12, org: fablab }, 'oscar')).createTraining;
    expect(fablabTraining.organisationId).toBe(fablab);
    const carla = await accessToken('carla');
    ok(await call(GRANT, { t: fablabTraining.id, u: tokenSubject(carla), o: CARLA_ORG }, 'oscar'));

    const aliceTraining = ok(await call<{ createTraining: { id: string } }>(CREATE_TRAINING, { name: 'Laser (Forges)', months: 12 }, 'alice')).createTraining;
    const assetId = await listAsset('alice', { name: 'Trotec Speedy 400 (Forges)', processCode: 'LASER_CUTTING', priceModel: 'HOURLY', hourlyRateCents: 1_500, requiredTrainingId: aliceTraining.id, openingHours: ALWAYS_OPEN });
    const start = Math.ceil((Date.now() + 30 * HOUR) / HOUR) * HOUR;
    const slot = { assetId, startsAt: iso(start), endsAt: iso(start + HOUR) };

    const before = await graphql(url, BOOK, { input: slot }, carla);
    expect(before.errors?.[0]?.message).toContain('missing authorisation: this asset requires the training "Laser (Forges)"');

    const foreign = await call(EQUIVALENCE, { t: fablabTraining.id, r: aliceTraining.id }, 'alice');
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    ok(await call(EQUIVALENCE, { t: aliceTraining.id, r: fablabTraining.id }, 'alice'));
    const after = await graphql<{ requestBooking: { status: string } }>(url, BOOK, { input: slot }, carla);
    expect(ok(after).requestBooking.status).toBe('CONFIRMED');

    // Listing for the fablab, with its plan; bob (not operator) may not list for it.
    const plan = ok(await call<{ createPlan: { id: string; organisationId: string } }>(CREATE_PLAN, { name: 'Fablab 20 h', price: 18_000, quota: 20, org: fablab }, 'oscar')).createPlan;
    expect(plan.organisationId).toBe(fablab);
    const listed = ok(await call<{ listAsset: { organisationId: string; planId: string } }>(LIST_ASSET, {
      input: { name: 'Epilog Fusion', kind: 'MACHINE', processCode: 'LASER_CUTTING', priceModel: 'SUBSCRIPTION', planId: plan.id, organisationId: fablab, requiredTrainingId: fablabTraining.id },
    }, 'oscar')).listAsset;
    expect(listed).toMatchObject({ organisationId: fablab, planId: plan.id });
    const wrongPlan = await call(LIST_ASSET, { input: { name: 'Epilog 2', kind: 'MACHINE', processCode: 'LASER_CUTTING', priceModel: 'SUBSCRIPTION', planId: plan.id } }, 'alice');
    expect(wrongPlan.errors?.[0]?.message).toContain('must be one of your organisation plans');
    const unknownSite = await call(LIST_ASSET, { input: { name: 'Epilog 3', kind: 'MACHINE', processCode: 'LASER_CUTTING', priceModel: 'HOURLY', hourlyRateCents: 100, siteId: randomUUID() } }, 'alice');
    expect(unknownSite.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(unknownSite.errors?.[0]?.message).toContain('unknown site');
    expect(await dataSource.query(`SELECT 1 FROM asset WHERE name IN ('Epilog 2', 'Epilog 3')`)).toEqual([]);
  });
});
