/**
 * Demo machines for `npm start` (issue 4): a fablab at Forges de l'Isère (alice's organisation)
 * with two subscription plans and a training-gated laser cutter, and machines of the seeded
 * territory's organisations, onboarded by the operator (oscar) at their directory sites: a CNC
 * centre with a coach, an idle injection line leased by the month and a metal 3D printer.
 *
 * Everything goes through the gateway with real Keycloak tokens, like a user would. Booking learns
 * organisations and sites from directory's events, so the seed waits until it knows them.
 * Idempotent: what already exists (by name) is left as it is, so `npm start` may run twice.
 */
import { demoToken, gatewayCall, type GraphQLAnswer } from './demo-gateway';

const ALICE_ORG = '11111111-1111-4111-8111-111111111111';
const WAIT_MS = 120_000;

type Log = (line: string) => void;

const ORGANISATIONS = `query($after: String) {
  organisations(first: 100, after: $after) { edges { node { id legalName nafCode sites { id } } } endCursor hasNextPage } }`;
const ASSETS_OF = `query($org: ID!) { assetsOfOrganisation(organisationId: $org) { id name } }`;
const PLANS_OF = `query($org: ID!) { plansOfOrganisation(organisationId: $org) { id name } }`;
const TRAININGS_OF = `query($org: ID!) { trainingsOfOrganisation(organisationId: $org) { id name } }`;
const CREATE_PLAN = `mutation($name: String!, $price: Int!, $quota: Int!) { createPlan(name: $name, monthlyPriceCents: $price, monthlyHourQuota: $quota) { id name } }`;
const CREATE_TRAINING = `mutation($name: String!, $months: Int!) { createTraining(name: $name, expiresAfterUnusedMonths: $months) { id name } }`;
const LIST_ASSET = `mutation($input: ListAssetInput!) { listAsset(input: $input) { id name } }`;
const SUBSCRIBE = `mutation($id: ID!) { subscribeToPlan(planId: $id) { id } }`;
const GRANT = `mutation($t: ID!, $u: ID!, $o: ID!) { grantAuthorisation(trainingId: $t, userId: $u, organisationId: $o) { id } }`;
const BOOK = `mutation($input: BookSlotInput!) { requestBooking(input: $input) { id status } }`;

const week = (days: number[], opens: string, closes: string) => days.map((day) => ({ day, opens, closes }));

async function must(what: string, answer: Promise<GraphQLAnswer>): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const body = await answer;
  if (body.errors?.length || !body.data) throw new Error(`booking seed, ${what}: ${body.errors?.[0]?.message ?? 'no data'}`);
  return body.data;
}

function subject(token: string): string {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub;
}

/** The next `weekday` (0 = Sunday) at `hourUtc`, at least two days ahead: the same slot all day long. */
function nextWeekday(weekday: number, hourUtc: number): Date {
  const d = new Date(Date.now() + 2 * 86_400_000);
  d.setUTCHours(hourUtc, 0, 0, 0);
  while (d.getUTCDay() !== weekday) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

/**
 * Lists an asset unless one of that name exists at the organisation. Booking may not know the
 * organisation or site yet (directory's events are on their way): retried until it does.
 */
async function ensureAsset(gatewayUrl: string, token: string, organisationId: string, input: Record<string, unknown>, log: Log): Promise<{ id: string; created: boolean }> {
  const existing = (await must('assets', gatewayCall(gatewayUrl, ASSETS_OF, { org: organisationId }))).assetsOfOrganisation as Array<{ id: string; name: string }>;
  const found = existing.find((a) => a.name === input.name);
  if (found) return { id: found.id, created: false };
  const deadline = Date.now() + WAIT_MS;
  let waited = false;
  for (;;) {
    const body = await gatewayCall(gatewayUrl, LIST_ASSET, { input }, token);
    if (body.data?.listAsset) return { id: body.data.listAsset.id, created: true };
    const message = body.errors?.[0]?.message ?? 'no data';
    if (!/unknown (organisation|site)/.test(message) || Date.now() > deadline) throw new Error(`booking seed, listing ${input.name}: ${message}`);
    if (!waited) log(`booking seed: waiting for booking to learn ${organisationId} and its site from directory's events...`);
    waited = true;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function ensureNamed(
  gatewayUrl: string,
  listQuery: string,
  listField: string,
  createQuery: string,
  createField: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<string> {
  const existing = (await must(listField, gatewayCall(gatewayUrl, listQuery, { org: ALICE_ORG })))[listField] as Array<{ id: string; name: string }>;
  const found = existing.find((x) => x.name === variables.name);
  if (found) return found.id;
  return (await must(createField, gatewayCall(gatewayUrl, createQuery, variables, token)))[createField].id;
}

/**
 * A host of the territory for a trade: the first seeded organisation of that NAF code with a site
 * (the plain organisation listing, which every directory version answers).
 */
async function host(gatewayUrl: string, token: string, nafCodes: string[], avoid: Set<string>): Promise<{ organisationId: string; legalName: string; siteId: string }> {
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const data = await must('listing organisations', gatewayCall(gatewayUrl, ORGANISATIONS, { after }, token));
    const { edges, endCursor, hasNextPage } = data.organisations as {
      edges: Array<{ node: { id: string; legalName: string; nafCode: string; sites: Array<{ id: string }> } }>;
      endCursor: string | null;
      hasNextPage: boolean;
    };
    for (const { node } of edges) {
      if (nafCodes.includes(node.nafCode) && node.sites.length > 0 && !avoid.has(node.id) && !node.id.match(/^(\d)\1{7}-/)) {
        avoid.add(node.id);
        return { organisationId: node.id, legalName: node.legalName, siteId: node.sites[0].id };
      }
    }
    if (!hasNextPage) break;
    after = endCursor;
  }
  throw new Error(`booking seed: no organisation of the demo territory with NAF ${nafCodes.join(' or ')} and a site`);
}

export async function seedDemoBooking(gatewayUrl: string, issuer: string, log: Log): Promise<number> {
  const [alice, oscar, bob, carla] = await Promise.all(['alice', 'oscar', 'bob', 'carla'].map((u) => demoToken(issuer, u)));
  let created = 0;

  // The fablab: alice's organisation runs it; its members book under a monthly plan.
  const maker = await ensureNamed(gatewayUrl, PLANS_OF, 'plansOfOrganisation', CREATE_PLAN, 'createPlan', { name: 'Fablab Maker (20 h/month)', price: 15_000, quota: 20 }, alice);
  await ensureNamed(gatewayUrl, PLANS_OF, 'plansOfOrganisation', CREATE_PLAN, 'createPlan', { name: 'Fablab Pro (40 h/month)', price: 20_000, quota: 40 }, alice);
  const laserTraining = await ensureNamed(gatewayUrl, TRAININGS_OF, 'trainingsOfOrganisation', CREATE_TRAINING, 'createTraining', { name: 'Laser cutter safety (Fablab des Forges)', months: 6 }, alice);
  const fablab = { latitude: 45.1935, longitude: 5.7085, timezone: 'Europe/Paris' };
  const laser = await ensureAsset(gatewayUrl, alice, ALICE_ORG, {
    ...fablab,
    name: 'Fablab des Forges: Trotec Speedy 400 laser cutter',
    kind: 'MACHINE',
    processCode: 'LASER_CUTTING',
    specs: [{ name: 'bed', value: '1000 x 610 mm' }, { name: 'source', value: 'CO2 120 W' }, { name: 'materials', value: 'wood, acrylic, leather, card' }],
    requiredTrainingId: laserTraining,
    priceModel: 'SUBSCRIPTION',
    planId: maker,
    openingHours: week([2, 3, 4, 5], '10:00', '19:00').concat(week([6], '10:00', '17:00')),
    minBookingMinutes: 30,
    maxBookingMinutes: 180,
    bufferMinutes: 15,
    cancellationDeadlineHours: 24,
    blackouts: [{ startsAt: nextWeekday(3, 6).toISOString(), endsAt: nextWeekday(3, 18).toISOString(), reason: 'laser tube and optics maintenance' }],
  }, log);
  const printer = await ensureAsset(gatewayUrl, alice, ALICE_ORG, {
    ...fablab,
    name: 'Fablab des Forges: Prusa MK4 3D printer',
    kind: 'MACHINE',
    processCode: 'ADDITIVE_POLYMER',
    specs: [{ name: 'build volume', value: '250 x 210 x 220 mm' }, { name: 'materials', value: 'PLA, PETG, ASA' }, { name: 'coach', value: 'included' }],
    priceModel: 'HOURLY',
    hourlyRateCents: 1_500,
    planId: maker,
    openingHours: week([2, 3, 4, 5], '10:00', '19:00').concat(week([6], '10:00', '17:00')),
    minBookingMinutes: 60,
    maxBookingMinutes: 480,
    cancellationDeadlineHours: 12,
  }, log);
  created += Number(laser.created) + Number(printer.created);

  // Machines of the territory's firms, onboarded by the operator at their directory sites.
  const taken = new Set<string>();
  const cnc = await host(gatewayUrl, oscar, ['25.62B', '28.99B'], taken); // mechanical engineering
  const moulding = await host(gatewayUrl, oscar, ['22.29A'], taken); // plastics
  const additive = await host(gatewayUrl, oscar, ['32.50A', '25.62B'], taken); // medical devices
  const territory = [
    {
      at: cnc,
      input: {
        name: 'DMG Mori CMX 600 V CNC milling centre, with a coach',
        kind: 'MACHINE',
        processCode: 'CNC_MILLING',
        specs: [{ name: 'travel', value: '600 x 560 x 510 mm' }, { name: 'coach', value: 'an operator of the site sets up and supervises' }],
        priceModel: 'HOURLY',
        hourlyRateCents: 1_500,
        openingHours: week([1, 2, 3, 4, 5], '08:00', '17:00'),
        minBookingMinutes: 120,
        maxBookingMinutes: 480,
        minNoticeMinutes: 24 * 60,
        bufferMinutes: 30,
        requiresApproval: true,
      },
    },
    {
      at: moulding,
      input: {
        name: 'Idle injection moulding line (Engel 200 t), nights and weekends',
        kind: 'PRODUCTION_LINE',
        processCode: 'INJECTION_MOULDING',
        capacityUnit: 'line',
        specs: [{ name: 'clamping force', value: '200 t' }, { name: 'shot', value: '450 g' }],
        priceModel: 'LEASE',
        monthlyLeaseCents: 120_000,
        openingHours: week([1, 2, 3, 4, 5], '20:00', '24:00').concat(week([6, 7], '00:00', '24:00')),
        minBookingMinutes: 240,
        maxBookingMinutes: 2_880,
        minNoticeMinutes: 72 * 60,
        bufferMinutes: 60,
        cancellationDeadlineHours: 72,
        requiresApproval: true,
      },
    },
    {
      at: additive,
      input: {
        name: 'EOS M 100 metal 3D printer',
        kind: 'MACHINE',
        processCode: 'ADDITIVE_METAL',
        specs: [{ name: 'build volume', value: 'diameter 100 x 95 mm' }, { name: 'materials', value: '316L, Ti64' }],
        priceModel: 'HOURLY',
        hourlyRateCents: 9_000,
        openingHours: week([1, 2, 3, 4, 5, 6, 7], '00:00', '24:00'),
        minBookingMinutes: 240,
        maxBookingMinutes: 2_880,
        minNoticeMinutes: 48 * 60,
        requiresApproval: true,
      },
    },
  ];
  for (const { at, input } of territory) {
    const asset = await ensureAsset(gatewayUrl, oscar, at.organisationId, { ...input, organisationId: at.organisationId, siteId: at.siteId }, log);
    if (asset.created) created++;
  }

  // Members: bob and carla subscribe; alice trains bob on the laser, who books a slot next Tuesday.
  await must('bob subscribes', gatewayCall(gatewayUrl, SUBSCRIBE, { id: maker }, bob));
  await must('carla subscribes', gatewayCall(gatewayUrl, SUBSCRIBE, { id: maker }, carla));
  await must('bob authorised', gatewayCall(gatewayUrl, GRANT, { t: laserTraining, u: subject(bob), o: '22222222-2222-4222-8222-222222222222' }, alice));
  const tuesday = nextWeekday(2, 13);
  const booked = await gatewayCall(gatewayUrl, BOOK, { input: { assetId: laser.id, startsAt: tuesday.toISOString(), endsAt: new Date(tuesday.getTime() + 2 * 3_600_000).toISOString() } }, bob);
  const bookingError = booked.errors?.[0];
  if (bookingError && bookingError.extensions?.code !== 'CONFLICT') throw new Error(`booking seed, bob's laser booking: ${bookingError.message}`);

  log(
    `demo machines: ${created} assets listed (${5 - created} already there): fablab at Forges de l'Isère (laser cutter behind a training, plans 150 and 200 EUR/month), ` +
      `CNC at ${cnc.legalName}, idle line at ${moulding.legalName}, metal printer at ${additive.legalName}; bob ${bookingError ? 'already has' : 'booked'} the laser on ${tuesday.toISOString()}`,
  );
  return created;
}
