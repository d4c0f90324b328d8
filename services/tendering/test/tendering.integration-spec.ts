import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fromBinary } from '@bufbuild/protobuf';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import {
  AssetListedSchema,
  BidSubmittedSchema,
  BookingConfirmedSchema,
  CapacityDeclaredSchema,
  CapacityHoldChangedSchema,
  CapacityHoldRequestedSchema,
  CapacityHoldStatus,
  SiteAddedSchema,
  CapabilitiesUpdatedSchema,
  ContractSignedSchema,
  LotAwardedSchema,
  OrganisationRegisteredSchema,
  TenderClosedSchema,
  TenderPublishedSchema,
  TenderStatus,
  TenderStatusChangedSchema,
  Topic,
} from '@rim/contracts';
import { subgraphSdl } from '@rim/service-kit';
import { accessToken, ALICE_ORG, BOB_ORG, CARLA_ORG, DAN_ORG, graphql, KafkaProbe, serviceTestEnv, startSubgraphUnderTest, eventually, expectCommittedSchema } from '@rim/testing';
import { AppModule } from '../src/app.module';
import { loadTenderingConfig } from '../src/tendering.config';
import { ocdsPackageValidator, publishEvent } from './support';

// Process codes unique to this run: the shared broker carries other suites' capability events.
const RUN = randomUUID().slice(0, 6).replace(/[^a-z0-9]/g, 'x');
const P_MILL = `cnc-milling-${RUN}`;
const P_WELD = `welding-${RUN}`;
const P_PAINT = `painting-${RUN}`;
const DEADLINE_S = 25;
const GRENOBLE = { latitude: 45.1885, longitude: 5.7245 };
const VOIRON = { latitude: 45.3642, longitude: 5.5897 };
const CROLLES = { latitude: 45.2847, longitude: 5.8839 };
const LYON = { latitude: 45.764, longitude: 4.8357 };
const DAN_ASSET = randomUUID();

const CREATE = `mutation C($input: CreateCallForTendersInput!) { createCallForTenders(input: $input) { id status lots { id number } } }`;
const PUBLISH = `mutation P($id: ID!) { publishCallForTenders(id: $id) { id status publishedAt } }`;
const TENDER = `query T($id: ID!) { callForTenders(id: $id) { id status bidCount buyerName questions { id question answer } lots { id number status standstillEndsAt contractId } } }`;
const ASK = `mutation A($t: ID!, $q: String!) { askTenderQuestion(tenderId: $t, question: $q) { id question } }`;
const ANSWER = `mutation A($q: ID!, $a: String!) { answerTenderQuestion(questionId: $q, answer: $a) { id answer } }`;
const CONSORTIUM_FIELDS = `id frozen form leadJointlyLiable members { organisationId status role }
  lots { lotNumber sharesTotalPercent shares { organisationId sharePercent declaredInDirectory } guaranteeCarriers { organisationId sharePercent firstDemandAmountEur retentionPercent reason } }
  missingForBid { field reason }`;
const CREATE_CONSORTIUM = `mutation C($input: CreateConsortiumInput!) { createConsortium(input: $input) { ${CONSORTIUM_FIELDS} } }`;
const INVITE = `mutation I($c: ID!, $o: ID!) { inviteConsortiumMember(consortiumId: $c, organisationId: $o) { id members { organisationId status } } }`;
const RESPOND = `mutation R($c: ID!, $a: Boolean!) { respondToConsortiumInvitation(consortiumId: $c, accept: $a) { id members { organisationId status } } }`;
const SET_FORM = `mutation F($c: ID!) { setConsortiumForm(consortiumId: $c, form: CONJOINT, leadJointlyLiable: false) { ${CONSORTIUM_FIELDS} } }`;
const SHARES = `mutation S($input: SetLotSharesInput!) { setConsortiumLotShares(input: $input) { id } }`;
const CONSORTIUM = `query C($id: ID!) { consortium(id: $id) { ${CONSORTIUM_FIELDS} } }`;
const SUBMIT = `mutation B($input: SubmitBidInput!) { submitBid(input: $input) { bidId status sealedSha256 receivedAt replacesBidId consortiumId lotIds } }`;
const WITHDRAW = `mutation W($b: ID!) { withdrawBid(bidId: $b) { bidId status } }`;
const MY_BIDS = `query M($t: ID) { myBids(tenderId: $t) { bidId status sealedSha256 } }`;
const EVALUATIONS = `query E($t: ID!) { bidEvaluations(tenderId: $t) { bidId lotId priceEur score rule rank abnormallyLow abnormallyLowReason qualityMark } }`;
const OPEN_BIDS = `mutation O($t: ID!) { openBids(tenderId: $t) { id status } }`;
const RATE = `mutation R($b: ID!, $l: ID!, $m: Float!) { rateBidQuality(bidId: $b, lotId: $l, mark: $m) { bidId lotId score } }`;
const AWARD = `mutation A($t: ID!, $l: ID!, $b: ID!) { awardLot(tenderId: $t, lotId: $l, bidId: $b) { id status } }`;
const SIGN = `mutation S($t: ID!, $l: ID!) { signContract(tenderId: $t, lotId: $l) { id status } }`;
const AUDIT = `query A($t: ID!) { auditTrail(tenderId: $t) { position action actor hash } }`;
const VERIFY = `query V($t: ID!) { verifyAuditTrail(tenderId: $t) { valid entries brokenAt reason } }`;
const OCDS = `query O($t: ID!) { ocdsReleasePackage(tenderId: $t) }`;

function tenderInput(over: Record<string, unknown> = {}) {
  return {
    title: 'Carters de protection pour convoyeurs',
    description: 'Fabrication et finition de carters en acier, trois tailles.',
    submissionDeadline: new Date(Date.now() + DEADLINE_S * 1000).toISOString(),
    bidValidityDays: 90,
    criteria: { price: 50, leadTime: 20, quality: 20, co2: 10 },
    guarantee: { retentionPercent: 5, firstDemandAmountEur: 10000 },
    lots: [
      { title: 'Usinage et soudure', requiredProcesses: [P_MILL, P_WELD], quantity: 400, unit: 'pieces', deliveryCommuneInsee: '38185', deliveryDate: '2027-06-30',
        deliveryLatitude: GRENOBLE.latitude, deliveryLongitude: GRENOBLE.longitude },
      { title: 'Peinture', requiredProcesses: [P_PAINT], quantity: 400, unit: 'pieces', deliveryCommuneInsee: '38185', deliveryDate: '2027-07-15' },
    ],
    ...over,
  };
}

describe('tendering: calls, consortia, sealed bids, evaluation, award, audit and OCDS with real Postgres, Kafka and Keycloak', () => {
  let app: NestExpressApplication;
  let url: string;
  let dataSource: DataSource;
  let stop: () => Promise<void>;
  let probe: KafkaProbe;
  const validateOcds = ocdsPackageValidator();
  const t: Record<string, string> = {};
  let tenderId: string;
  let lot1: string;
  let lot2: string;
  let consortiumId: string;
  let consortiumBid: string;
  let danBid: string;
  let closedAt: number;
  let emptyTenderId: string;

  beforeAll(async () => {
    probe = await KafkaProbe.start([
      Topic.TenderPublished, Topic.TenderStatusChanged, Topic.TenderClosed, Topic.BidSubmitted, Topic.LotAwarded, Topic.ContractSigned, Topic.ConsortiumFormed, Topic.CapacityHoldRequested,
    ]);
    ({ app, url, dataSource, stop } = await startSubgraphUnderTest('tendering', (databaseUrl) =>
      AppModule.forRoot(loadTenderingConfig(serviceTestEnv('tendering', databaseUrl, { TENDERING_STANDSTILL_SECONDS: '3', TENDERING_DEADLINE_SWEEP_MS: '200' })))));
    for (const user of ['alice', 'bob', 'carla', 'dan', 'eve', 'oscar']) t[user] = await accessToken(user);
  }, 120_000);

  afterAll(async () => {
    await probe?.stop();
    await stop?.();
  });

  async function counts(): Promise<Record<string, number>> {
    const [row] = await dataSource.query(
      `SELECT (SELECT count(*) FROM call_for_tenders)::int AS tenders, (SELECT count(*) FROM tender_lot)::int AS lots,
              (SELECT count(*) FROM bid)::int AS bids, (SELECT count(*) FROM consortium_share)::int AS shares,
              (SELECT count(*) FROM audit_entry)::int AS audit, (SELECT count(*) FROM outbox_message)::int AS outbox`,
    );
    return row;
  }

  function expectValidOcds(pkg: unknown): void {
    const ok = validateOcds(pkg);
    if (!ok) throw new Error(`OCDS package invalid: ${JSON.stringify(validateOcds.errors?.slice(0, 5), null, 1)}`);
  }

  async function ocds(token?: string): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const r = await graphql(url, OCDS, { t: tenderId }, token);
    expect(r.errors).toBeUndefined();
    const pkg = JSON.parse(r.data?.ocdsReleasePackage as string);
    expectValidOcds(pkg);
    return pkg;
  }

  it('commits the emitted subgraph schema (UPDATE_SCHEMAS=1 npm run test:integration rewrites it, never in CI)', () => {
    expectCommittedSchema(subgraphSdl(app), join(__dirname, '..', 'schema.graphql'));
  });

  it('learns names and declared processes from directory events, through the inbox', async () => {
    for (const [org, name] of [[ALICE_ORG, 'Mécanique Alpine SAS'], [BOB_ORG, 'Soudure du Grésivaudan'], [DAN_ORG, 'Transports Dauphinois']]) {
      await publishEvent(Topic.OrganisationRegistered, org, OrganisationRegisteredSchema, { organisationId: org, legalName: name, siren: '000000000' });
    }
    const caps: Array<[string, string[]]> = [[ALICE_ORG, [P_MILL]], [BOB_ORG, [P_WELD, P_PAINT]], [DAN_ORG, [P_MILL, P_WELD]]];
    for (const [org, processes] of caps) {
      await publishEvent(Topic.CapabilitiesUpdated, org, CapabilitiesUpdatedSchema, {
        organisationId: org, siteId: randomUUID(), capabilities: processes.map((processCode) => ({ processCode })),
      });
    }
    // Sites, spare capacity, a machine and its bookings: what partner suggestions are made of.
    for (const [org, at] of [[BOB_ORG, VOIRON], [DAN_ORG, CROLLES], [ALICE_ORG, LYON]] as const) {
      await publishEvent(Topic.SiteAdded, org, SiteAddedSchema, { siteId: randomUUID(), organisationId: org, name: 'Atelier', location: { ...at, communeInsee: '38000' } });
    }
    await publishEvent(Topic.CapacityDeclared, BOB_ORG, CapacityDeclaredSchema, {
      capacityId: randomUUID(), organisationId: BOB_ORG, processCode: P_WELD, quantity: 160, unit: 'hours', windowStart: new Date(Date.now() + 86_400_000).toISOString(), windowEnd: '2027-05-31T00:00:00Z',
    });
    await publishEvent(Topic.AssetListed, DAN_ASSET, AssetListedSchema, {
      assetId: DAN_ASSET, organisationId: DAN_ORG, name: 'DMG Mori DMU 50', processCode: P_MILL.toUpperCase().replace(/-/g, '_'), location: CROLLES,
    });
    await publishEvent(Topic.BookingConfirmed, DAN_ASSET, BookingConfirmedSchema, {
      bookingId: randomUUID(), assetId: DAN_ASSET, assetOrganisationId: DAN_ORG, bookerOrganisationId: BOB_ORG, processCode: 'x',
      slot: { start: new Date(Date.now() + 2 * 86_400_000).toISOString(), end: new Date(Date.now() + 2 * 86_400_000 + 10 * 3_600_000).toISOString() },
    });
    await eventually('the directory and booking events to reach the read model', async () => {
      const [r] = await dataSource.query(
        `SELECT (SELECT count(*) FROM directory_capability WHERE process_code LIKE $1)::int AS caps, (SELECT count(*) FROM directory_site)::int AS sites,
                (SELECT count(*) FROM directory_capacity WHERE process_code LIKE $1)::int AS spare, (SELECT count(*) FROM booking_busy WHERE asset_id = $2)::int AS busy,
                (SELECT count(*) FROM booking_asset WHERE asset_id = $2)::int AS assets`,
        [`%-${RUN}`, DAN_ASSET],
      );
      return r.caps === 5 && r.sites >= 3 && r.spare === 1 && r.busy === 1 && r.assets === 1;
    }, { timeoutMs: 90_000 });
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM inbox_message`);
    expect(n).toBeGreaterThanOrEqual(6);
  }, 120_000);

  it('refuses bad calls naming each field, and writes nothing', async () => {
    const before = await counts();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ criteria: { price: 50, leadTime: 20, quality: 10, co2: 10 } }, 'input.criteria', 'weights must sum to 100, they sum to 90'],
      [{ guarantee: { retentionPercent: 6 } }, 'input.guarantee.retentionPercent', 'must be at most 5 %'],
      [{ submissionDeadline: new Date(Date.now() - 60_000).toISOString() }, 'input.submissionDeadline', 'must be in the future'],
      [{ lots: [] }, 'input.lots', 'must have at least one lot'],
      [{ lots: [{ ...tenderInput().lots[0], deliveryCommuneInsee: 'Grenoble' }] }, 'input.lots.0.deliveryCommuneInsee', 'INSEE commune code'],
      [{ lots: [{ ...tenderInput().lots[0], quantity: 0 }] }, 'input.lots.0.quantity', 'must be more than 0'],
    ];
    for (const [over, field, reason] of cases) {
      const r = await graphql(url, CREATE, { input: tenderInput(over) }, t.carla);
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const fields = r.errors?.[0]?.extensions?.fields as Array<{ field: string; reason: string }>;
      expect(fields).toEqual(expect.arrayContaining([expect.objectContaining({ field, reason: expect.stringContaining(reason) })]));
    }
    // Only the buyer role publishes calls.
    const alice = await graphql(url, CREATE, { input: tenderInput() }, t.alice);
    expect(alice.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
  });

  it('carla drafts a two-lot call: the draft is hers (and operators\'), then she publishes it', async () => {
    const r = await graphql(url, CREATE, { input: tenderInput() }, t.carla);
    expect(r.errors).toBeUndefined();
    const created = r.data?.createCallForTenders as { id: string; status: string; lots: Array<{ id: string; number: number }> };
    tenderId = created.id;
    [lot1, lot2] = created.lots.map((l) => l.id);
    expect(created.status).toBe('DRAFT');
    expect((await graphql(url, TENDER, { id: tenderId }, t.alice)).data?.callForTenders).toBeNull();
    expect((await graphql(url, TENDER, { id: tenderId })).data?.callForTenders).toBeNull();
    expect((await graphql(url, TENDER, { id: tenderId }, t.oscar)).data?.callForTenders).toMatchObject({ status: 'DRAFT' });

    const published = await graphql(url, PUBLISH, { id: tenderId }, t.carla);
    expect(published.errors).toBeUndefined();
    expect(published.data?.publishCallForTenders).toMatchObject({ status: 'OPEN' });
    const event = fromBinary(TenderPublishedSchema, (await probe.waitFor((x) => x.topic === Topic.TenderPublished && x.key === tenderId)).value);
    expect(event).toMatchObject({ tenderId, buyerOrganisationId: CARLA_ORG });
    expect(event.lots.map((l) => l.requiredProcesses)).toEqual([[P_MILL, P_WELD], [P_PAINT]]);
    const moved = fromBinary(TenderStatusChangedSchema, (await probe.waitFor((x) => x.topic === Topic.TenderStatusChanged && x.key === tenderId)).value);
    expect([moved.from, moved.to]).toEqual([TenderStatus.DRAFT, TenderStatus.OPEN]);
    expect((await graphql(url, TENDER, { id: tenderId })).data?.callForTenders).toMatchObject({ status: 'OPEN', bidCount: 0 });
    // Published: public, without bids.
    const pkg = await ocds();
    expect(pkg.releases[0].tender.status).toBe('active');
    expect(pkg.releases[0].bids.details).toBeUndefined();
    expect(pkg.releases[0].parties.map((p: { roles: string[] }) => p.roles)).toEqual([['buyer']]);
  });

  it('a call without bids, and a cancelled call: both published, one cancelled with its reason (refused without one)', async () => {
    const empty = await graphql(url, CREATE, { input: tenderInput({ title: 'Appel sans réponse' }) }, t.carla);
    emptyTenderId = (empty.data?.createCallForTenders as { id: string }).id;
    expect((await graphql(url, PUBLISH, { id: emptyTenderId }, t.carla)).errors).toBeUndefined();
    const doomed = (await graphql(url, CREATE, { input: tenderInput({ title: 'Appel annulé' }) }, t.carla)).data?.createCallForTenders as { id: string };
    await graphql(url, PUBLISH, { id: doomed.id }, t.carla);
    const CANCEL = `mutation X($id: ID!, $r: String!) { cancelCallForTenders(id: $id, reason: $r) { id status lots { status } } }`;
    expect((await graphql(url, CANCEL, { id: doomed.id, r: '  ' }, t.carla)).errors?.[0]?.extensions?.fields).toEqual([{ field: 'reason', reason: 'must be between 1 and 5000 characters' }]);
    expect((await graphql(url, CANCEL, { id: doomed.id, r: 'budget withdrawn' }, t.oscar)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const cancelled = await graphql(url, CANCEL, { id: doomed.id, r: 'budget withdrawn' }, t.carla);
    expect(cancelled.data?.cancelCallForTenders).toEqual({ id: doomed.id, status: 'CANCELLED', lots: [{ status: 'CANCELLED' }, { status: 'CANCELLED' }] });
    await probe.waitFor((x) => x.topic === Topic.TenderStatusChanged && x.key === doomed.id && fromBinary(TenderStatusChangedSchema, x.value).to === TenderStatus.CANCELLED);
    const r = await graphql(url, OCDS, { t: doomed.id });
    const pkg = JSON.parse(r.data?.ocdsReleasePackage as string);
    expectValidOcds(pkg);
    expect(pkg.releases[0].tag).toEqual(['tender', 'tenderCancellation']);
    expect((await graphql(url, PUBLISH, { id: doomed.id }, t.carla)).errors?.[0]?.message).toBe('status: a CANCELLED call for tenders cannot become OPEN');
  });

  it('questions and answers are public; the asker is never shown', async () => {
    const asked = await graphql(url, ASK, { t: tenderId, q: 'La peinture époxy est-elle acceptée ?' }, t.bob);
    expect(asked.errors).toBeUndefined();
    const qid = (asked.data?.askTenderQuestion as { id: string }).id;
    expect((await graphql(url, ASK, { t: tenderId, q: 'Moi ?' }, t.carla)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await graphql(url, ANSWER, { q: qid, a: 'Non' }, t.alice)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await graphql(url, ANSWER, { q: qid, a: 'Oui, RAL 7035.' }, t.carla)).errors).toBeUndefined();
    const seen = await graphql(url, TENDER, { id: tenderId }, t.eve);
    expect(seen.data?.callForTenders).toMatchObject({ questions: [{ id: qid, question: 'La peinture époxy est-elle acceptée ?', answer: 'Oui, RAL 7035.' }] });
    const audit = await graphql(url, AUDIT, { t: tenderId }, t.carla);
    const entry = (audit.data?.auditTrail as Array<{ action: string; actor: string }>).find((e) => e.action === 'question.asked');
    expect(entry?.actor).toBe('supplier (anonymised)');
    expect(JSON.stringify(audit.data)).not.toContain(BOB_ORG);
  });

  it('suggests partners for a lot from its own read model, each with its reasons', async () => {
    const r = await graphql(url, `query S($l: ID!) { partnerSuggestions(lotId: $l) { organisationId name processesCovered distanceKm reasons } }`, { l: lot1 }, t.alice);
    expect(r.errors).toBeUndefined();
    const suggestions = r.data?.partnerSuggestions as Array<{ organisationId: string; processesCovered: string[]; distanceKm: number; reasons: string[] }>;
    // Neither the caller (alice) nor the buyer is suggested; dan covers both processes, bob one.
    expect(suggestions.map((x) => x.organisationId)).toEqual([DAN_ORG, BOB_ORG]);
    expect(suggestions[0].processesCovered.sort()).toEqual([P_MILL, P_WELD].sort());
    expect(suggestions[0].reasons).toEqual(expect.arrayContaining([
      expect.stringMatching(/^a site 1\d km from the delivery point$/),
      expect.stringMatching(new RegExp(`^machine "DMG Mori DMU 50" \\(${P_MILL}\\) has \\d+ h not booked before the delivery date$`)),
    ]));
    expect(suggestions[1].reasons).toEqual(expect.arrayContaining([expect.stringContaining(`160 hours of spare "${P_WELD}" capacity`)]));
    const hours = Number(/has (\d+) h/.exec(suggestions[0].reasons.find((x) => x.startsWith('machine')) ?? '')?.[1]);
    const span = (new Date('2027-06-30T23:59:59Z').getTime() - Date.now()) / 3_600_000;
    expect(Math.abs(span - 10 - hours)).toBeLessThan(2); // the 10 h booking is not free
    expect((await graphql(url, `query S($l: ID!) { partnerSuggestions(lotId: $l) { organisationId } }`, { l: 'nope' }, t.alice)).errors?.[0]?.extensions?.fields).toEqual([
      { field: 'lotId', reason: 'must be a UUID' },
    ]);
  });

  it('alice forms a consortium with bob; its bid is refused, naming each missing thing, until all is there', async () => {
    const created = await graphql(url, CREATE_CONSORTIUM, { input: { tenderId, name: 'GME Carters Alpes', leadJointlyLiable: false } }, t.alice);
    expect(created.errors).toBeUndefined();
    consortiumId = (created.data?.createConsortium as { id: string }).id;
    expect((await graphql(url, INVITE, { c: consortiumId, o: BOB_ORG }, t.alice)).errors).toBeUndefined();
    // Only the mandataire changes the consortium.
    expect((await graphql(url, INVITE, { c: consortiumId, o: DAN_ORG }, t.bob)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const badShare = await graphql(url, SHARES, { input: { consortiumId, lotId: lot1, shares: [{ organisationId: DAN_ORG, sharePercent: 50, committedQuantity: 10, committedUnit: 'hours', processCode: P_MILL }] } }, t.alice);
    expect(badShare.errors?.[0]?.extensions?.fields).toEqual([{ field: 'input.shares.0.organisationId', reason: 'is not a member of the consortium (invite it first)' }]);
    for (const [lotId, shares] of [
      [lot1, [{ organisationId: ALICE_ORG, sharePercent: 60, committedQuantity: 120, committedUnit: 'hours', processCode: P_MILL },
        { organisationId: BOB_ORG, sharePercent: 30, committedQuantity: 80, committedUnit: 'hours', processCode: P_WELD }]],
      [lot2, [{ organisationId: BOB_ORG, sharePercent: 100, committedQuantity: 400, committedUnit: 'units', processCode: P_PAINT }]],
    ] as const) {
      expect((await graphql(url, SHARES, { input: { consortiumId, lotId, shares } }, t.alice)).errors).toBeUndefined();
    }
    const bid = { tenderId, consortiumId, lots: [
      { lotId: lot1, priceEur: 100000, leadTimeDays: 30, qualityStatement: 'Soudure certifiée EN ISO 3834-2, contrôle dimensionnel 100 %', co2Kg: 1200 },
      { lotId: lot2, priceEur: 20000, leadTimeDays: 20, qualityStatement: 'Peinture poudre RAL 7035', co2Kg: 300 },
    ] };
    const before = await counts();
    const refused = await graphql(url, SUBMIT, { input: bid }, t.alice);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((refused.errors?.[0]?.extensions?.fields as Array<{ field: string; reason: string }>).map((p) => `${p.field}: ${p.reason}`)).toEqual([
      'consortium.members: Soudure du Grésivaudan has not accepted the invitation yet',
      'consortium.form: choose CONJOINT or SOLIDAIRE: the guarantee carrier cannot be named without it',
      'consortium.lots[1].shares: shares of lot 1 sum to 90 %, not 100 %',
    ]);
    expect(await counts()).toEqual(before);

    expect((await graphql(url, RESPOND, { c: consortiumId, a: true }, t.bob)).errors).toBeUndefined();
    await graphql(url, SHARES, { input: { consortiumId, lotId: lot1, shares: [
      { organisationId: ALICE_ORG, sharePercent: 60, committedQuantity: 120, committedUnit: 'hours', processCode: P_MILL },
      { organisationId: BOB_ORG, sharePercent: 40, committedQuantity: 80, committedUnit: 'hours', processCode: P_PAINT },
    ] } }, t.alice);
    const stillMissing = await graphql(url, SUBMIT, { input: bid }, t.alice);
    expect((stillMissing.errors?.[0]?.extensions?.fields as Array<{ field: string; reason: string }>).map((p) => p.reason)).toEqual([
      'choose CONJOINT or SOLIDAIRE: the guarantee carrier cannot be named without it',
      `no member performing lot 1 declares the required process "${P_WELD}"`,
    ]);

    await graphql(url, SHARES, { input: { consortiumId, lotId: lot1, shares: [
      { organisationId: ALICE_ORG, sharePercent: 60, committedQuantity: 120, committedUnit: 'hours', processCode: P_MILL },
      { organisationId: BOB_ORG, sharePercent: 40, committedQuantity: 80, committedUnit: 'hours', processCode: P_WELD },
    ] } }, t.alice);
    const formed = await graphql(url, SET_FORM, { c: consortiumId }, t.alice);
    expect(formed.errors).toBeUndefined();
    const view = formed.data?.setConsortiumForm as { missingForBid: unknown[]; lots: Array<{ lotNumber: number; guaranteeCarriers: Array<{ organisationId: string; firstDemandAmountEur: number; retentionPercent: number }> }> };
    expect(view.missingForBid).toEqual([]);
    // Conjoint, mandataire not jointly liable: each member carries its share of the 10 000 EUR.
    expect(view.lots.find((l) => l.lotNumber === 1)?.guaranteeCarriers.map((g) => [g.organisationId, g.firstDemandAmountEur, g.retentionPercent])).toEqual([
      [ALICE_ORG, 6000, 5], [BOB_ORG, 4000, 5],
    ]);

    const submitted = await graphql(url, SUBMIT, { input: bid }, t.alice);
    expect(submitted.errors).toBeUndefined();
    const receipt = submitted.data?.submitBid as { bidId: string; sealedSha256: string; receivedAt: string };
    consortiumBid = receipt.bidId;
    const [row] = await dataSource.query(`SELECT sealed_sha256, received_at FROM bid WHERE id = $1`, [consortiumBid]);
    expect(row.sealed_sha256).toBe(receipt.sealedSha256);
    expect(new Date(row.received_at).toISOString()).toBe(receipt.receivedAt);
    const event = fromBinary(BidSubmittedSchema, (await probe.waitFor((x) => x.topic === Topic.BidSubmitted && x.key === tenderId)).value);
    expect(event).toMatchObject({ bidId: consortiumBid, consortiumId, sealedSha256: receipt.sealedSha256 });
    expect(event.commitments.map((c) => [c.organisationId, c.committedQuantity])).toEqual(expect.arrayContaining([[ALICE_ORG, 120], [BOB_ORG, 80]]));
    await probe.waitFor((x) => x.topic === Topic.ConsortiumFormed && x.key === consortiumId);
  });

  it('membership is frozen from submission', async () => {
    const r = await graphql(url, INVITE, { c: consortiumId, o: DAN_ORG }, t.alice);
    expect(r.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(r.errors?.[0]?.message).toContain('frozen from bid submission');
  });

  it('asks booking to hold the committed hours at submission, records its answers; asset and window only for the member', async () => {
    const asked = fromBinary(CapacityHoldRequestedSchema, (await probe.waitFor((x) => x.topic === Topic.CapacityHoldRequested && x.key === tenderId)).value);
    expect(asked.bidId).toBe(consortiumBid);
    // Hours only: bob's 400 units of painting on lot 2 carry no machine time.
    expect(asked.asks.map((a) => [a.organisationId, a.lotId, a.hours, a.processCode]).sort()).toEqual([
      [ALICE_ORG, lot1, 120, P_MILL], [BOB_ORG, lot1, 80, P_WELD],
    ].sort());
    expect(asked.asks.every((a) => a.deliverBy === '2027-06-30T00:00:00.000Z' && Date.parse(a.notBefore) >= Date.now() - 60_000)).toBe(true);
    const HOLDS = `query M($t: ID) { myBids(tenderId: $t) { bidId capacityHolds { organisationId lotId hours status reason assetId assetName startsAt endsAt } } }`;
    const holdsOf = async (token: string) =>
      ((await graphql(url, HOLDS, { t: tenderId }, token)).data?.myBids as Array<{ bidId: string; capacityHolds: Array<Record<string, unknown>> }>)
        .find((b) => b.bidId === consortiumBid)?.capacityHolds;
    expect((await holdsOf(t.alice))?.map((h) => h.status)).toEqual(['REQUESTED', 'REQUESTED']);

    // Booking's answers, as booking publishes them: bob's weld held on a machine, alice's refused.
    const bobAsset = randomUUID();
    await publishEvent(Topic.CapacityHoldChanged, consortiumBid, CapacityHoldChangedSchema, {
      holdId: randomUUID(), bidId: consortiumBid, tenderId, lotId: lot1, organisationId: BOB_ORG, status: CapacityHoldStatus.HELD,
      assetId: bobAsset, assetName: 'Poste TIG Fronius', bookingId: randomUUID(), slot: { start: '2027-01-04T08:00:00.000Z', end: '2027-01-07T16:00:00.000Z' },
    });
    await publishEvent(Topic.CapacityHoldChanged, consortiumBid, CapacityHoldChangedSchema, {
      holdId: randomUUID(), bidId: consortiumBid, tenderId, lotId: lot1, organisationId: ALICE_ORG, status: CapacityHoldStatus.REFUSED,
      reason: `the organisation lists no asset offering ${P_MILL}`,
    });
    await eventually('both answers recorded', async () =>
      (await dataSource.query(`SELECT 1 FROM bid_capacity_hold WHERE bid_id = $1 AND status <> 'REQUESTED'`, [consortiumBid])).length === 2, { timeoutMs: 60_000 });

    const bobSees = await holdsOf(t.bob);
    expect(bobSees?.find((h) => h.organisationId === BOB_ORG)).toMatchObject({ status: 'HELD', assetId: bobAsset, assetName: 'Poste TIG Fronius', startsAt: '2027-01-04T08:00:00.000Z' });
    expect(bobSees?.find((h) => h.organisationId === ALICE_ORG)).toMatchObject({ status: 'REFUSED', assetId: null, assetName: null, startsAt: null });
    const aliceSees = await holdsOf(t.alice);
    expect(aliceSees?.find((h) => h.organisationId === ALICE_ORG)).toMatchObject({ status: 'REFUSED', reason: `the organisation lists no asset offering ${P_MILL}` });
    // The lead learns bob's hold stands, not which machine nor when.
    expect(aliceSees?.find((h) => h.organisationId === BOB_ORG)).toMatchObject({ status: 'HELD', assetId: null, assetName: null, startsAt: null, endsAt: null });
    // The buyer and outsiders reach no receipt of this bid, hence no hold.
    for (const user of ['carla', 'dan']) {
      expect(((await graphql(url, HOLDS, { t: tenderId }, t[user])).data?.myBids as Array<{ bidId: string }>).some((b) => b.bidId === consortiumBid)).toBe(false);
    }
  });

  it('dan bids alone on lot 1, then replaces his bid; a bad bid is refused naming the field and leaves no row', async () => {
    const before = await counts();
    const bad = await graphql(url, SUBMIT, { input: { tenderId, lots: [{ lotId: lot1, priceEur: -5, leadTimeDays: 0, qualityStatement: '', co2Kg: 1 }] } }, t.dan);
    expect((bad.errors?.[0]?.extensions?.fields as Array<{ field: string }>).map((f) => f.field).sort()).toEqual([
      'input.lots.0.leadTimeDays', 'input.lots.0.priceEur', 'input.lots.0.qualityStatement',
    ]);
    const foreignLot = await graphql(url, SUBMIT, { input: { tenderId, lots: [{ lotId: randomUUID(), priceEur: 5, leadTimeDays: 3, qualityStatement: 'x', co2Kg: 1 }] } }, t.dan);
    expect(foreignLot.errors?.[0]?.extensions?.fields).toEqual([{ field: 'input.lots.0.lotId', reason: 'is not a lot of this call for tenders' }]);
    const buyer = await graphql(url, SUBMIT, { input: { tenderId, lots: [{ lotId: lot1, priceEur: 5, leadTimeDays: 3, qualityStatement: 'x', co2Kg: 1 }] } }, t.carla);
    expect(buyer.errors?.[0]?.extensions?.fields).toEqual([{ field: 'input.tenderId', reason: 'the buyer cannot bid on its own call' }]);
    expect(await counts()).toEqual(before);

    const first = await graphql(url, SUBMIT, { input: { tenderId, lots: [{ lotId: lot1, priceEur: 80000, leadTimeDays: 25, qualityStatement: 'ISO 9001', co2Kg: 900 }] } }, t.dan);
    expect(first.errors).toBeUndefined();
    const second = await graphql(url, SUBMIT, { input: { tenderId, lots: [{ lotId: lot1, priceEur: 70000, leadTimeDays: 25, qualityStatement: 'ISO 9001', co2Kg: 900 }] } }, t.dan);
    expect(second.errors).toBeUndefined();
    danBid = (second.data?.submitBid as { bidId: string }).bidId;
    expect(second.data?.submitBid).toMatchObject({ replacesBidId: (first.data?.submitBid as { bidId: string }).bidId, status: 'SUBMITTED' });
    expect((await graphql(url, TENDER, { id: tenderId })).data?.callForTenders).toMatchObject({ bidCount: 2 });
    // Someone else's bid cannot be withdrawn (nor is it known to exist).
    expect((await graphql(url, WITHDRAW, { b: danBid }, t.bob)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('before the deadline the content is sealed: ciphertext only in SQL, no query shows it to anyone (tenant matrix)', async () => {
    const rows = await dataSource.query(`SELECT * FROM bid WHERE tender_id = $1`, [tenderId]);
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      const everything = Object.values(r).map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : JSON.stringify(v))).join('|');
      for (const secret of ['100000', '70000', '80000', 'EN ISO 3834', 'ISO 9001', 'RAL 7035', 'priceEur']) expect(everything).not.toContain(secret);
      expect(Object.keys(r).sort()).toEqual(['auth_tag', 'bidder_organisation_id', 'ciphertext', 'consortium_id', 'id', 'iv', 'key_auth_tag', 'key_iv', 'lot_ids',
        'received_at', 'replaces_bid_id', 'sealed_sha256', 'status', 'tender_id', 'withdrawn_at', 'wrapped_key']);
    }
    expect(await dataSource.query(`SELECT * FROM bid_lot_evaluation`)).toEqual([]);
    const [key] = await dataSource.query(`SELECT table_schema FROM information_schema.tables WHERE table_name = 'tender_key'`);
    expect(key.table_schema).toBe('keyring');

    for (const user of ['alice', 'bob', 'carla', 'dan', 'eve', 'oscar']) {
      const e = await graphql(url, EVALUATIONS, { t: tenderId }, t[user]);
      expect(e.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(e.errors?.[0]?.message).toContain('sealed until the deadline');
    }
    expect((await graphql(url, OPEN_BIDS, { t: tenderId }, t.carla)).errors?.[0]?.message).toContain('stay sealed until the deadline');
    expect((await graphql(url, OPEN_BIDS, { t: tenderId }, t.alice)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const consortiumSeenBy = async (user: string) => (await graphql(url, CONSORTIUM, { id: consortiumId }, t[user])).data?.consortium ?? null;
    expect(await consortiumSeenBy('alice')).not.toBeNull();
    expect(await consortiumSeenBy('bob')).not.toBeNull();
    expect(await consortiumSeenBy('oscar')).not.toBeNull();
    expect(await consortiumSeenBy('carla')).toBeNull();
    expect(await consortiumSeenBy('eve')).toBeNull();
    expect(await consortiumSeenBy('dan')).toBeNull();

    const receipts = async (user: string) => ((await graphql(url, MY_BIDS, { t: tenderId }, t[user])).data?.myBids as unknown[]).length;
    expect(await receipts('alice')).toBe(1);
    expect(await receipts('bob')).toBe(1);
    expect(await receipts('dan')).toBe(2); // the replaced one and the live one
    expect(await receipts('carla')).toBe(0);
    expect(await receipts('eve')).toBe(0);

    expect((await graphql(url, AUDIT, { t: tenderId }, t.eve)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await graphql(url, AUDIT, { t: tenderId }, t.alice)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await graphql(url, AUDIT, { t: tenderId }, t.oscar)).errors).toBeUndefined();
    const pkg = await ocds(t.carla);
    expect(pkg.releases[0].bids).toEqual({ statistics: [expect.objectContaining({ measure: 'bids', value: 2 })] });
    expect(JSON.stringify(pkg)).not.toContain(ALICE_ORG);
  });

  it('the service closes the call at its deadline by itself; nothing is received after', async () => {
    const closed = await eventually('the deadline sweep to close the call', async () => {
      const r = await graphql(url, TENDER, { id: tenderId });
      return (r.data?.callForTenders as { status: string }).status === 'CLOSED';
    }, { timeoutMs: (DEADLINE_S + 20) * 1000 });
    expect(closed).toBe(true);
    closedAt = Date.now();
    const event = fromBinary(TenderClosedSchema, (await probe.waitFor((x) => x.topic === Topic.TenderClosed && x.key === tenderId)).value);
    expect(event.bidCount).toBe(2);
    const late = await graphql(url, SUBMIT, { input: { tenderId, lots: [{ lotId: lot1, priceEur: 1, leadTimeDays: 1, qualityStatement: 'late', co2Kg: 1 }] } }, t.dan);
    expect(late.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(late.errors?.[0]?.message).toContain('only before the submission deadline');
    expect((await graphql(url, WITHDRAW, { b: danBid }, t.dan)).errors?.[0]?.message).toContain('only before the submission deadline');
  }, (DEADLINE_S + 30) * 1000);

  it('carla opens the bids: decrypted, scored with the rule shown, the abnormally low offer flagged; each sees what it may', async () => {
    expect(closedAt).toBeGreaterThan(0);
    const opened = await graphql(url, OPEN_BIDS, { t: tenderId }, t.carla);
    expect(opened.errors).toBeUndefined();
    expect(opened.data?.openBids).toMatchObject({ status: 'EVALUATION' });
    const all = (await graphql(url, EVALUATIONS, { t: tenderId }, t.carla)).data?.bidEvaluations as Array<{
      bidId: string; lotId: string; priceEur: number; score: number; rule: string; rank: number; abnormallyLow: boolean; abnormallyLowReason: string | null;
    }>;
    expect(all).toHaveLength(3);
    const danOnLot1 = all.find((e) => e.bidId === danBid);
    expect(danOnLot1).toMatchObject({ priceEur: 70000, abnormallyLow: true, rank: 1 });
    expect(danOnLot1?.abnormallyLowReason).toContain('below 80 % of the mean of the other offers (100000 EUR)');
    const ours = all.find((e) => e.bidId === consortiumBid && e.lotId === lot1);
    expect(ours?.rule).toContain('price 50 x 70000 / 100000 = 35');
    expect(ours?.abnormallyLow).toBe(false);
    expect(((await graphql(url, EVALUATIONS, { t: tenderId }, t.oscar)).data?.bidEvaluations as unknown[]).length).toBe(3);
    expect(((await graphql(url, EVALUATIONS, { t: tenderId }, t.alice)).data?.bidEvaluations as Array<{ bidId: string }>).map((e) => e.bidId)).toEqual([consortiumBid, consortiumBid]);
    expect(((await graphql(url, EVALUATIONS, { t: tenderId }, t.bob)).data?.bidEvaluations as unknown[]).length).toBe(2);
    expect(((await graphql(url, EVALUATIONS, { t: tenderId }, t.dan)).data?.bidEvaluations as Array<{ bidId: string }>).map((e) => e.bidId)).toEqual([danBid]);
    expect((await graphql(url, EVALUATIONS, { t: tenderId }, t.eve)).data?.bidEvaluations).toEqual([]);
    expect((await graphql(url, CONSORTIUM, { id: consortiumId }, t.carla)).data?.consortium).not.toBeNull();

    const rated = await graphql(url, RATE, { b: consortiumBid, l: lot1, m: 100 }, t.carla);
    expect(rated.errors).toBeUndefined();
    expect((await graphql(url, RATE, { b: consortiumBid, l: lot1, m: 120 }, t.carla)).errors?.[0]?.extensions?.fields).toEqual([{ field: 'mark', reason: 'must be between 0 and 100' }]);
  });

  it('a call closed without any bid becomes UNSUCCESSFUL at opening', async () => {
    await eventually('the empty call to close', async () => ((await graphql(url, TENDER, { id: emptyTenderId })).data?.callForTenders as { status: string }).status === 'CLOSED');
    const opened = await graphql(url, OPEN_BIDS, { t: emptyTenderId }, t.carla);
    expect(opened.data?.openBids).toMatchObject({ status: 'UNSUCCESSFUL' });
    expect(((await graphql(url, TENDER, { id: emptyTenderId })).data?.callForTenders as { lots: Array<{ status: string }> }).lots.map((l) => l.status)).toEqual(['UNSUCCESSFUL', 'UNSUCCESSFUL']);
  });

  it('awards both lots to the consortium; the standstill holds the contract back, then both are signed', async () => {
    expect((await graphql(url, AWARD, { t: tenderId, l: lot2, b: danBid }, t.carla)).errors?.[0]?.extensions?.fields).toEqual([{ field: 'bidId', reason: 'is not an opened bid on lot 2' }]);
    expect((await graphql(url, AWARD, { t: tenderId, l: lot1, b: consortiumBid }, t.alice)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await graphql(url, AWARD, { t: tenderId, l: lot1, b: consortiumBid }, t.carla)).errors).toBeUndefined();
    const awarded = fromBinary(LotAwardedSchema, (await probe.waitFor((x) => x.topic === Topic.LotAwarded && x.key === tenderId)).value);
    expect(awarded).toMatchObject({ lotId: lot1, winningBidId: consortiumBid, winnerOrganisationId: ALICE_ORG, losingBidIds: [danBid], losingOrganisationIds: [DAN_ORG], awardedValueEur: 100000 });
    expect([...awarded.memberOrganisationIds].sort()).toEqual([ALICE_ORG, BOB_ORG]);
    const last = await graphql(url, AWARD, { t: tenderId, l: lot2, b: consortiumBid }, t.carla);
    expect(last.data?.awardLot).toMatchObject({ status: 'AWARDED' });
    expect((await graphql(url, CONSORTIUM, { id: consortiumId }, t.alice)).data?.consortium).toMatchObject({ frozen: false });

    const early = await graphql(url, SIGN, { t: tenderId, l: lot1 }, t.carla);
    expect(early.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(early.errors?.[0]?.message).toContain('standstill period runs until');
    const pending = await ocds();
    expect(pending.releases[0].awards.map((a: { status: string }) => a.status)).toEqual(['pending', 'pending']);

    await new Promise((r) => setTimeout(r, 3_200));
    expect((await graphql(url, SIGN, { t: tenderId, l: lot1 }, t.carla)).errors).toBeUndefined();
    const done = await graphql(url, SIGN, { t: tenderId, l: lot2 }, t.carla);
    expect(done.data?.signContract).toMatchObject({ status: 'CONTRACTED' });
    const signed = fromBinary(ContractSignedSchema, (await probe.waitFor((x) => x.topic === Topic.ContractSigned && x.key === tenderId)).value);
    expect(signed).toMatchObject({ tenderId, bidId: consortiumBid, supplierOrganisationId: ALICE_ORG });
  });

  it('exports a valid OCDS package with bids, awards, contracts and the consortium profile; a broken one fails validation', async () => {
    const pkg = await ocds();
    const release = pkg.releases[0];
    expect(release.tag).toEqual(['tender', 'award', 'contract']);
    expect(release.tender.status).toBe('complete');
    expect(release.bids.details).toHaveLength(2);
    const roles = Object.fromEntries(release.parties.map((p: { id: string; roles: string[] }) => [p.id, p.roles.sort()]));
    expect(roles).toEqual({ [CARLA_ORG]: ['buyer'], [ALICE_ORG]: ['leadTenderer', 'supplier', 'tenderer'], [BOB_ORG]: ['supplier', 'tenderer'], [DAN_ORG]: ['tenderer'] });
    const consortium = release.awards[0].consortium;
    expect(consortium).toMatchObject({ form: 'conjoint', leadJointlyLiable: false });
    expect(consortium.guaranteeCarriers.map((g: { party: { id: string }; firstDemandGuarantee: { amount: number } }) => [g.party.id, g.firstDemandGuarantee.amount])).toEqual([
      [ALICE_ORG, 6000], [BOB_ORG, 4000],
    ]);
    expect(release.contracts).toHaveLength(2);
    // Negative controls: the validator does reject what the schemas forbid.
    const broken = structuredClone(pkg);
    broken.releases[0].awards[0].consortium.form = 'mixte';
    expect(validateOcds(broken)).toBe(false);
    const noOcid = structuredClone(pkg);
    delete noOcid.releases[0].ocid;
    expect(validateOcds(noOcid)).toBe(false);
  });

  it('the audit trail is append-only and hash-chained: an edited row is detected', async () => {
    const ok = await graphql(url, VERIFY, { t: tenderId });
    expect(ok.data?.verifyAuditTrail).toMatchObject({ valid: true, brokenAt: null });
    const entries = (ok.data?.verifyAuditTrail as { entries: number }).entries;
    expect(entries).toBeGreaterThan(15);
    await expect(dataSource.query(`UPDATE audit_entry SET actor = 'x' WHERE tender_id = $1 AND position = 3`, [tenderId])).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM audit_entry WHERE tender_id = $1`, [tenderId])).rejects.toThrow(/append-only/);
    // Someone with the table owner's rights gets round the trigger: the chain still tells.
    const [target] = await dataSource.query(`SELECT position FROM audit_entry WHERE tender_id = $1 AND action = 'bid.submitted' ORDER BY position LIMIT 1`, [tenderId]);
    await dataSource.query(`ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only`);
    try {
      await dataSource.query(`UPDATE audit_entry SET detail = jsonb_set(detail, '{sealedSha256}', '"${'0'.repeat(64)}"') WHERE tender_id = $1 AND position = $2`, [tenderId, target.position]);
    } finally {
      await dataSource.query(`ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only`);
    }
    const tampered = await graphql(url, VERIFY, { t: tenderId });
    expect(tampered.data?.verifyAuditTrail).toMatchObject({ valid: false, brokenAt: target.position, reason: expect.stringContaining('changed after it was written') });
  });
});
