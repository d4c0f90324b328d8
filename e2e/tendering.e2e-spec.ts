import { fromBinary } from '@bufbuild/protobuf';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { BidSubmittedSchema, ContractSignedSchema, LotAwardedSchema, TenderClosedSchema, Topic } from '@rim/contracts';
import { accessToken, ALICE_ORG, BOB_ORG, KafkaProbe, eventually } from '@rim/testing';
import { gql, ok, type Platform, STACK_TRACE, startPlatform } from './support/platform';

/**
 * Tendering end to end (issue 11, "How it will be checked"): only through the gateway with tokens
 * from the real Keycloak. Directory, booking, tendering and logistics run as their own processes;
 * tendering learns which processes each organisation declares from directory's events on Kafka.
 * The deadline is a few seconds ahead, and nobody closes the call but the service itself.
 */
const DEADLINE_MS = 20_000;

const REGISTER = `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`;
const ADD_SITE = `mutation($org: ID!, $input: AddSiteInput!) { addSite(organisationId: $org, input: $input) { id } }`;
const SET_CAPABILITIES = `mutation($site: ID!, $input: SetSiteCapabilitiesInput!) { setSiteCapabilities(siteId: $site, input: $input) { processCode } }`;
const CREATE = `mutation($input: CreateCallForTendersInput!) { createCallForTenders(input: $input) { id status lots { id number } } }`;
const PUBLISH = `mutation($id: ID!) { publishCallForTenders(id: $id) { id status } }`;
const TENDER = `query($id: ID!) { callForTenders(id: $id) { id status bidCount buyerName lots { id status } } }`;
const CREATE_CONSORTIUM = `mutation($input: CreateConsortiumInput!) { createConsortium(input: $input) { id } }`;
const INVITE = `mutation($c: ID!, $o: ID!) { inviteConsortiumMember(consortiumId: $c, organisationId: $o) { id } }`;
const RESPOND = `mutation($c: ID!) { respondToConsortiumInvitation(consortiumId: $c, accept: true) { id members { organisationId status } } }`;
const SHARES = `mutation($input: SetLotSharesInput!) { setConsortiumLotShares(input: $input) { id lots { lotNumber sharesTotalPercent guaranteeCarriers { organisationId firstDemandAmountEur } } missingForBid { field reason } } }`;
const SUBMIT = `mutation($input: SubmitBidInput!) { submitBid(input: $input) { bidId sealedSha256 receivedAt } }`;
const EVALUATIONS = `query($t: ID!) { bidEvaluations(tenderId: $t) { bidId lotId priceEur score rule rank abnormallyLow } }`;
const OPEN_BIDS = `mutation($t: ID!) { openBids(tenderId: $t) { id status } }`;
const AWARD = `mutation($t: ID!, $l: ID!, $b: ID!) { awardLot(tenderId: $t, lotId: $l, bidId: $b) { id status } }`;
const SIGN = `mutation($t: ID!, $l: ID!) { signContract(tenderId: $t, lotId: $l) { id status } }`;
const VERIFY = `query($t: ID!) { verifyAuditTrail(tenderId: $t) { valid entries brokenAt reason } }`;
const OCDS = `query($t: ID!) { ocdsReleasePackage(tenderId: $t) }`;
const LIST_ASSET = `mutation($input: ListAssetInput!) { listAsset(input: $input) { id } }`;
const HOLDS = `query($t: ID) { myBids(tenderId: $t) { bidId status capacityHolds { organisationId lotId hours status reason assetId assetName startsAt } } }`;
const MY_BOOKINGS = `{ myBookings { id assetId status startsAt endsAt } }`;
type Hold = { organisationId: string; lotId: string; hours: number; status: string; reason: string; assetId: string | null; assetName: string | null; startsAt: string | null };

describe('tendering through the gateway (e2e)', () => {
  let platform: Platform;
  let probe: KafkaProbe;
  let gateway: string;
  const tokens: Record<string, string> = {};
  const s: { tenderId?: string; lots?: string[]; consortiumId?: string; bidId?: string; firstBidId?: string; assets?: Record<string, string> } = {};
  const holdsOf = async (user: string, bidId: string): Promise<Hold[] | undefined> =>
    (ok(await gql(gateway, HOLDS, { t: s.tenderId }, { token: tokens[user] })).myBids as Array<{ bidId: string; capacityHolds: Hold[] }>)
      .find((b) => b.bidId === bidId)?.capacityHolds;
  const bids = async () => (await platform.serviceQuery<{ n: number }>('tendering', `SELECT count(*)::int AS n FROM bid`))[0].n;

  beforeAll(async () => {
    probe = await KafkaProbe.start([Topic.BidSubmitted, Topic.TenderClosed, Topic.LotAwarded, Topic.ContractSigned]);
    platform = await startPlatform('tendering_e2e', { serviceEnv: { tendering: { TENDERING_STANDSTILL_SECONDS: '2', TENDERING_DEADLINE_SWEEP_MS: '250' } } });
    gateway = platform.gatewayUrl;
    // bob is a plain member: the operator onboards his organisation's site, as the directory allows.
    for (const user of ['alice', 'bob', 'carla', 'eve', 'oscar']) tokens[user] = await accessToken(user);
  }, 240_000);

  afterAll(async () => {
    await probe?.stop();
    await platform?.stop();
  });

  it('alice and bob declare their processes in the directory; tendering learns them from its events', async () => {
    const orgs = [
      { user: 'alice', admin: 'alice', org: ALICE_ORG, siren: '380123455', siret: '38012345500012', legalName: "Forges de l'Isère", processes: ['cnc-milling'] },
      { user: 'bob', admin: 'oscar', org: BOB_ORG, siren: '412345670', siret: '41234567000019', legalName: 'Chaudronnerie du Grésivaudan', processes: ['welding', 'painting'] },
    ];
    for (const o of orgs) {
      ok(await gql(gateway, REGISTER, { input: { siren: o.siren, legalName: o.legalName, nafCode: '25.62B', sizeBand: 'SMALL', tier: 2 } }, { token: tokens[o.user] }));
      const site = ok(await gql(gateway, ADD_SITE, {
        org: o.org, input: { siret: o.siret, name: `Atelier ${o.legalName}`, addressLine: '1 rue des Forges', postcode: '38000', communeInsee: '38185' },
      }, { token: tokens[o.admin] })).addSite;
      ok(await gql(gateway, SET_CAPABILITIES, {
        site: site.id,
        input: { capabilities: o.processes.map((processCode) => ({ processCode, materials: ['steel'], certifications: ['ISO 9001'], minBatch: 1, maxBatch: 5000, leadTimeDays: 10 })) },
      }, { token: tokens[o.admin] }));
    }
    // Their machines in booking: the holds of the consortium's committed hours land on these.
    s.assets = {};
    for (const [org, admin, name, processCode] of [[ALICE_ORG, 'alice', 'Fraiseuse DMU 50', 'CNC_MILLING'], [BOB_ORG, 'oscar', 'Poste de soudure TIG', 'WELDING']]) {
      s.assets[org] = ok(await gql(gateway, LIST_ASSET, { input: {
        ...(admin === 'oscar' ? { organisationId: org } : {}), name, kind: 'MACHINE', processCode, latitude: 45.19, longitude: 5.72, priceModel: 'HOURLY', hourlyRateCents: 4000,
        openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, opens: '08:00', closes: '17:00' })),
      } }, { token: tokens[admin] })).listAsset.id;
    }
    ok(await gql(gateway, REGISTER, { input: { siren: '423456789', legalName: 'Mécatronique des Alpes', nafCode: '28.29B', sizeBand: 'INTERMEDIATE', tier: 1 } }, { token: tokens.carla }));
    for (const o of orgs) {
      await eventually(`tendering to learn the processes of ${o.legalName}`, async () =>
        (await platform.serviceQuery('tendering', `SELECT DISTINCT process_code FROM directory_capability WHERE organisation_id = $1 AND process_code = ANY($2::text[])`, [
          o.org, o.processes,
        ])).length === o.processes.length, { timeoutMs: 150_000 });
    }
  }, 200_000);

  it('carla publishes a two-lot call closing in a few seconds', async () => {
    const created = ok(await gql(gateway, CREATE, {
      input: {
        title: 'Bâtis mécano-soudés peints',
        description: 'Deux lots : usinage et soudure ; peinture.',
        submissionDeadline: new Date(Date.now() + DEADLINE_MS).toISOString(),
        bidValidityDays: 60,
        criteria: { price: 60, leadTime: 20, quality: 10, co2: 10 },
        guarantee: { retentionPercent: 5, firstDemandAmountEur: 5000 },
        lots: [
          { title: 'Usinage et soudure', requiredProcesses: ['cnc-milling', 'welding'], quantity: 20, unit: 'pieces', deliveryCommuneInsee: '38185', deliveryDate: '2027-09-01' },
          { title: 'Peinture', requiredProcesses: ['painting'], quantity: 20, unit: 'pieces', deliveryCommuneInsee: '38185', deliveryDate: '2027-09-15' },
        ],
      },
    }, { token: tokens.carla })).createCallForTenders;
    s.tenderId = created.id;
    s.lots = created.lots.map((l: { id: string }) => l.id);
    expect(ok(await gql(gateway, PUBLISH, { id: s.tenderId }, { token: tokens.carla })).publishCallForTenders.status).toBe('OPEN');
    // One graph: the buyer is the directory's Organisation, resolved by the directory through the gateway.
    const seen = ok(await gql(gateway, `query($id: ID!) { callForTenders(id: $id) { buyer { id legalName } } }`, { id: s.tenderId }, { token: tokens.eve }));
    expect(seen.callForTenders.buyer).toEqual({ id: '33333333-3333-4333-8333-333333333333', legalName: 'Mécatronique des Alpes' });
    // A bad call through the gateway: refused naming the field, no 500, no stack.
    const bad = await gql(gateway, CREATE, { input: { title: 'x', description: 'y', submissionDeadline: new Date(Date.now() + 60_000).toISOString(), bidValidityDays: 10,
      criteria: { price: 60, leadTime: 20, quality: 10, co2: 0 }, guarantee: { retentionPercent: 7 }, lots: [] } }, { token: tokens.carla });
    expect(bad.status).toBeLessThan(500);
    expect(bad.text).not.toMatch(STACK_TRACE);
    expect(bad.json?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.json?.errors?.[0]?.message).toContain('input.guarantee.retentionPercent');
    expect(bad.json?.errors?.[0]?.message).toContain('input.lots');
  });

  it('alice leads a consortium with bob: its bid is refused until bob accepts, then sealed', async () => {
    const [lot1, lot2] = s.lots as string[];
    s.consortiumId = ok(await gql(gateway, CREATE_CONSORTIUM, { input: { tenderId: s.tenderId, name: 'GME Bâtis Isère', form: 'SOLIDAIRE', leadJointlyLiable: true } }, { token: tokens.alice })).createConsortium.id;
    ok(await gql(gateway, INVITE, { c: s.consortiumId, o: BOB_ORG }, { token: tokens.alice }));
    ok(await gql(gateway, SHARES, { input: { consortiumId: s.consortiumId, lotId: lot1, shares: [
      { organisationId: ALICE_ORG, sharePercent: 70, committedQuantity: 60, committedUnit: 'hours', processCode: 'cnc-milling' },
      { organisationId: BOB_ORG, sharePercent: 30, committedQuantity: 25, committedUnit: 'hours', processCode: 'welding' },
    ] } }, { token: tokens.alice }));
    const shares = ok(await gql(gateway, SHARES, { input: { consortiumId: s.consortiumId, lotId: lot2, shares: [
      { organisationId: BOB_ORG, sharePercent: 100, committedQuantity: 20, committedUnit: 'units', processCode: 'painting' },
    ] } }, { token: tokens.alice })).setConsortiumLotShares;
    // Solidaire: the mandataire carries the whole guarantee of each lot.
    expect(shares.lots.map((l: { guaranteeCarriers: unknown[] }) => l.guaranteeCarriers)).toEqual([
      [{ organisationId: ALICE_ORG, firstDemandAmountEur: 5000 }], [{ organisationId: ALICE_ORG, firstDemandAmountEur: 5000 }],
    ]);
    expect(shares.missingForBid).toEqual([{ field: 'consortium.members', reason: 'Chaudronnerie du Grésivaudan has not accepted the invitation yet' }]);

    const bid = { tenderId: s.tenderId, consortiumId: s.consortiumId, lots: [
      { lotId: lot1, priceEur: 48000, leadTimeDays: 35, qualityStatement: 'Soudeurs qualifiés ISO 9606-1', co2Kg: 800 },
      { lotId: lot2, priceEur: 9000, leadTimeDays: 15, qualityStatement: 'Peinture poudre polyester', co2Kg: 150 },
    ] };
    const refused = await gql(gateway, SUBMIT, { input: bid }, { token: tokens.alice });
    expect(refused.json?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.json?.errors?.[0]?.message).toBe('consortium.members: Chaudronnerie du Grésivaudan has not accepted the invitation yet');
    expect(await bids()).toBe(0);

    ok(await gql(gateway, RESPOND, { c: s.consortiumId }, { token: tokens.bob }));
    const receipt = ok(await gql(gateway, SUBMIT, { input: bid }, { token: tokens.alice })).submitBid;
    s.bidId = receipt.bidId;
    expect(receipt.sealedSha256).toMatch(/^[0-9a-f]{64}$/);
    const event = fromBinary(BidSubmittedSchema, (await probe.waitFor((r) => r.topic === Topic.BidSubmitted && r.key === s.tenderId)).value);
    expect(event).toMatchObject({ bidId: s.bidId, sealedSha256: receipt.sealedSha256 });

    // Sealed: the buyer's queries show no content, and the database holds only ciphertext.
    const sealed = await gql(gateway, EVALUATIONS, { t: s.tenderId }, { token: tokens.carla });
    expect(sealed.json?.errors?.[0]?.message).toContain('sealed until the deadline');
    const [row] = await platform.serviceQuery<Record<string, unknown>>('tendering', `SELECT * FROM bid WHERE id = $1`, [s.bidId]);
    const stored = Object.values(row).map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : JSON.stringify(v))).join('|');
    for (const secret of ['48000', '9000', 'ISO 9606', 'polyester']) expect(stored).not.toContain(secret);
    expect(ok(await gql(gateway, TENDER, { id: s.tenderId })).callForTenders.bidCount).toBe(1);

    // The committed hours (lot 1: alice 60 h milling, bob 25 h welding; lot 2 is in units) are held in booking.
    await eventually('booking to hold both members\' hours', async () => (await holdsOf('alice', s.bidId!))?.filter((h) => h.status === 'HELD').length === 2, { timeoutMs: 60_000 });
    const bobSees = (await holdsOf('bob', s.bidId!))!;
    expect(bobSees.find((h) => h.organisationId === BOB_ORG)).toMatchObject({ lotId: lot1, hours: 25, status: 'HELD', assetId: s.assets![BOB_ORG], assetName: 'Poste de soudure TIG' });
    expect(bobSees.find((h) => h.organisationId === ALICE_ORG)).toMatchObject({ status: 'HELD', assetId: null, assetName: null, startsAt: null });
    expect((await holdsOf('carla', s.bidId!))).toBeUndefined();
    const [{ n: heldRows }] = await platform.serviceQuery<{ n: number }>('booking', `SELECT count(*)::int AS n FROM booking WHERE status = 'HELD' AND booker_user_id = $1`, [`tendering-bid:${s.bidId}`]);
    expect(heldRows).toBe(2);

    // alice replaces the bid: the first one's holds are released, the new one's held.
    s.firstBidId = s.bidId;
    s.bidId = ok(await gql(gateway, SUBMIT, { input: { ...bid, lots: bid.lots.map((l) => ({ ...l, priceEur: l.priceEur - 500 })) } }, { token: tokens.alice })).submitBid.bidId;
    await eventually('the replaced bid\'s holds to be released', async () =>
      (await holdsOf('alice', s.firstBidId!))?.every((h) => h.status === 'RELEASED' && h.reason === 'the bid was replaced') === true, { timeoutMs: 60_000 });
    await eventually('the new bid\'s holds', async () => (await holdsOf('alice', s.bidId!))?.filter((h) => h.status === 'HELD').length === 2, { timeoutMs: 60_000 });
    const released = await platform.serviceQuery<{ status: string }>('booking', `SELECT status FROM booking WHERE booker_user_id = $1`, [`tendering-bid:${s.firstBidId}`]);
    expect(released.map((r) => r.status)).toEqual(['RELEASED', 'RELEASED']);
  }, 150_000);

  it('the deadline passes and the service closes the call by itself; carla opens, scores, awards, and signs after the standstill', async () => {
    await eventually('the service to close the call', async () => ok(await gql(gateway, TENDER, { id: s.tenderId })).callForTenders.status === 'CLOSED', { timeoutMs: DEADLINE_MS + 30_000 });
    expect(fromBinary(TenderClosedSchema, (await probe.waitFor((r) => r.topic === Topic.TenderClosed && r.key === s.tenderId)).value).bidCount).toBe(1);
    expect(ok(await gql(gateway, OPEN_BIDS, { t: s.tenderId }, { token: tokens.carla })).openBids.status).toBe('EVALUATION');
    const scores = ok(await gql(gateway, EVALUATIONS, { t: s.tenderId }, { token: tokens.carla })).bidEvaluations;
    expect(scores).toHaveLength(2);
    expect(scores[0].rule).toContain('price 60 x');
    expect(ok(await gql(gateway, EVALUATIONS, { t: s.tenderId }, { token: tokens.eve })).bidEvaluations).toEqual([]);
    for (const lot of s.lots as string[]) ok(await gql(gateway, AWARD, { t: s.tenderId, l: lot, b: s.bidId }, { token: tokens.carla }));
    const awarded = fromBinary(LotAwardedSchema, (await probe.waitFor((r) => r.topic === Topic.LotAwarded && r.key === s.tenderId)).value);
    expect([...awarded.memberOrganisationIds].sort()).toEqual([ALICE_ORG, BOB_ORG]);
    // The winner's holds are confirmed bookings now, each visible to its member in booking through the gateway.
    await eventually('the winner\'s holds to be confirmed', async () => (await holdsOf('alice', s.bidId!))?.every((h) => h.status === 'CONFIRMED') === true, { timeoutMs: 60_000 });
    for (const [user, org] of [['alice', ALICE_ORG], ['bob', BOB_ORG]]) {
      const mine = ok(await gql(gateway, MY_BOOKINGS, {}, { token: tokens[user] })).myBookings as Array<{ assetId: string; status: string }>;
      expect(mine.filter((b) => b.assetId === s.assets![org]).map((b) => b.status).sort()).toEqual(['CONFIRMED', 'RELEASED']);
    }
    const early = await gql(gateway, SIGN, { t: s.tenderId, l: (s.lots as string[])[0] }, { token: tokens.carla });
    expect(early.json?.errors?.[0]?.message).toContain('standstill period runs until');
    await new Promise((r) => setTimeout(r, 2_200));
    for (const lot of s.lots as string[]) ok(await gql(gateway, SIGN, { t: s.tenderId, l: lot }, { token: tokens.carla }));
    expect(ok(await gql(gateway, TENDER, { id: s.tenderId })).callForTenders.status).toBe('CONTRACTED');
    await probe.waitFor((r) => r.topic === Topic.ContractSigned && r.key === s.tenderId && fromBinary(ContractSignedSchema, r.value).lotId === (s.lots as string[])[1]);
  }, DEADLINE_MS + 90_000);

  it('the OCDS package validates against the schemas the service publishes (core 1.1.5, lots, bid, consortium profile)', async () => {
    const base = platform.subgraphUrl('tendering').replace(/\/graphql$/, '');
    const [release, releasePackage] = await Promise.all(
      ['release-schema.json', 'release-package-schema.json'].map(async (f) => (await fetch(`${base}/ocds/schema/${f}`)).json()),
    );
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(release);
    const validate = ajv.compile(releasePackage);
    const pkg = JSON.parse(ok(await gql(gateway, OCDS, { t: s.tenderId })).ocdsReleasePackage);
    expect(validate(pkg) ? [] : validate.errors).toEqual([]);
    expect(pkg.releases[0].awards[0].consortium).toMatchObject({ form: 'solidaire', leadJointlyLiable: true });
    const extension = await fetch(pkg.extensions[2].replace('http://127.0.0.1:4103', base));
    expect(extension.status).toBe(200);
    const broken = structuredClone(pkg);
    broken.releases[0].awards[0].consortium.guaranteeCarriers[0].sharePercent = 150;
    expect(validate(broken)).toBe(false);
  });

  it('the audit chain verifies; an entry edited in SQL is detected', async () => {
    expect(ok(await gql(gateway, VERIFY, { t: s.tenderId })).verifyAuditTrail).toMatchObject({ valid: true, brokenAt: null });
    await platform.serviceQuery('tendering', `ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only`);
    try {
      await platform.serviceQuery('tendering', `UPDATE audit_entry SET actor = 'user:mallory' WHERE tender_id = $1 AND position = 2`, [s.tenderId]);
    } finally {
      await platform.serviceQuery('tendering', `ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only`);
    }
    expect(ok(await gql(gateway, VERIFY, { t: s.tenderId })).verifyAuditTrail).toMatchObject({ valid: false, brokenAt: 2 });
  });
});
