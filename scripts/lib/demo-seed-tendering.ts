/**
 * Demo tendering (issue 11), seeded through the gateway with real Keycloak tokens: carla's
 * organisation publishes a three-lot call (machining, welding, painting, delivered in Grenoble,
 * deadline in 14 days); alice's organisation leads a consortium with bob's organisation and a
 * surface-treatment firm of the demo territory, which has not accepted yet, so the consortium
 * shows what it still misses before it may bid. Idempotent: the call is found by its title among
 * carla's, the consortium among alice's.
 */
import { demoToken, gatewayCall, type GraphQLAnswer } from './demo-gateway';

const TITLE = 'Bâtis de convoyeurs mécano-soudés, trois lots';
const ALICE_ORG = '11111111-1111-4111-8111-111111111111';
const BOB_ORG = '22222222-2222-4222-8222-222222222222';
const ORGANISATIONS = `query($after: String) { organisations(first: 100, after: $after) { edges { node { id legalName nafCode } } endCursor hasNextPage } }`;

function must(what: string, body: GraphQLAnswer): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (body.errors?.length) throw new Error(`tendering seed, ${what}: ${body.errors[0].message}`);
  return body.data ?? {};
}

/** The first organisation of the demo territory in surface treatment (NAF 25.61Z), not a demo user's. */
async function paintingFirm(gatewayUrl: string, token: string): Promise<{ id: string; legalName: string }> {
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const { organisations } = must('listing organisations', await gatewayCall(gatewayUrl, ORGANISATIONS, { after }, token));
    for (const { node } of organisations.edges as Array<{ node: { id: string; legalName: string; nafCode: string } }>) {
      if (node.nafCode === '25.61Z' && !node.id.match(/^(\d)\1{7}-/)) return node;
    }
    if (!organisations.hasNextPage) break;
    after = organisations.endCursor;
  }
  throw new Error('tendering seed: no surface-treatment firm (NAF 25.61Z) in the demo territory');
}

const ORGANISATION_SITES = `query($id: ID!) { organisation(id: $id) { sites { id capabilities { processCode } } } }`;
const ADD_SITE = `mutation($org: ID!, $input: AddSiteInput!) { addSite(organisationId: $org, input: $input) { id } }`;
const SET_CAPABILITIES = `mutation($site: ID!, $input: SetSiteCapabilitiesInput!) { setSiteCapabilities(siteId: $site, input: $input) { processCode } }`;

/**
 * The consortium's members must declare the processes they commit on (tendering checks coverage
 * against the directory): alice's organisation mills, bob's welds, each at a workshop in Grenoble.
 * The admin adds the site (alice for hers, the operator for bob's, a plain member). Idempotent.
 */
async function declareMemberProcesses(gatewayUrl: string, tokens: { alice: string; oscar: string }): Promise<void> {
  const members = [
    { org: ALICE_ORG, admin: tokens.alice, siret: '38012345500012', name: 'Atelier des Forges', process: 'cnc-milling', material: 'steel' },
    { org: BOB_ORG, admin: tokens.oscar, siret: '41234567000019', name: 'Atelier du Grésivaudan', process: 'welding', material: 'steel' },
  ];
  for (const m of members) {
    const { organisation } = must('reading the member sites', await gatewayCall(gatewayUrl, ORGANISATION_SITES, { id: m.org }, m.admin));
    const sites = (organisation?.sites ?? []) as Array<{ id: string; capabilities: Array<{ processCode: string }> }>;
    if (sites.some((s) => s.capabilities.some((c) => c.processCode === m.process))) continue;
    const siteId = sites[0]?.id ?? must('adding a member site', await gatewayCall(gatewayUrl, ADD_SITE, {
      org: m.org, input: { siret: m.siret, name: m.name, addressLine: '1 rue des Forges', postcode: '38000', communeInsee: '38185' },
    }, m.admin)).addSite.id;
    must('declaring a member process', await gatewayCall(gatewayUrl, SET_CAPABILITIES, {
      site: siteId,
      input: { capabilities: [{ processCode: m.process, materials: [m.material], certifications: ['ISO 9001'], minBatch: 1, maxBatch: 5000, leadTimeDays: 10 }] },
    }, m.admin));
  }
}

export async function seedDemoTendering(gatewayUrl: string, issuer: string, log: (l: string) => void): Promise<void> {
  const [carla, alice, bob, oscar] = await Promise.all(['carla', 'alice', 'bob', 'oscar'].map((u) => demoToken(issuer, u)));
  await declareMemberProcesses(gatewayUrl, { alice, oscar });
  const call = (token: string, query: string, variables: Record<string, unknown> = {}) => gatewayCall(gatewayUrl, query, variables, token);

  const listed = must('listing calls', await call(carla, `{ callsForTenders { id title buyerOrganisationId status lots { id number } } }`));
  let tender = (listed.callsForTenders as Array<{ id: string; title: string; status: string; lots: Array<{ id: string; number: number }> }>).find((t) => t.title === TITLE);
  if (!tender) {
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    tender = must('drafting the call', await call(carla, `mutation($input: CreateCallForTendersInput!) { createCallForTenders(input: $input) { id title status lots { id number } } }`, {
      input: {
        title: TITLE,
        description: 'Douze bâtis de convoyeurs pour la ligne de conditionnement de Grenoble : usinage, soudure, puis peinture poudre RAL 7035.',
        submissionDeadline: new Date(Date.now() + 14 * 86_400_000).toISOString(),
        bidValidityDays: 120,
        criteria: { price: 50, leadTime: 20, quality: 20, co2: 10 },
        guarantee: { retentionPercent: 5, firstDemandAmountEur: 15000 },
        lots: [
          { title: 'Usinage des platines et paliers', requiredProcesses: ['cnc-milling'], quantity: 480, unit: 'pieces', deliveryCommuneInsee: '38185', deliveryLabel: 'Grenoble, quai 2', deliveryDate: day(60) },
          { title: 'Soudure des bâtis', requiredProcesses: ['welding'], quantity: 12, unit: 'frames', deliveryCommuneInsee: '38185', deliveryLabel: 'Grenoble, quai 2', deliveryDate: day(75) },
          { title: 'Peinture poudre', requiredProcesses: ['painting'], quantity: 12, unit: 'frames', deliveryCommuneInsee: '38185', deliveryLabel: 'Grenoble, quai 2', deliveryDate: day(90) },
        ],
      },
    })).createCallForTenders;
  }
  const t = tender as { id: string; status: string; lots: Array<{ id: string; number: number }> };
  if (t.status === 'DRAFT') must('publishing the call', await call(carla, `mutation($id: ID!) { publishCallForTenders(id: $id) { id } }`, { id: t.id }));

  const mine = must('listing consortia', await call(alice, `{ myConsortia { id tenderId } }`));
  if ((mine.myConsortia as Array<{ tenderId: string }>).some((c) => c.tenderId === t.id)) {
    log('demo tendering: the call and the consortium are already there');
    return;
  }
  const firm = await paintingFirm(gatewayUrl, alice);
  const consortiumId = must('forming the consortium', await call(alice, `mutation($input: CreateConsortiumInput!) { createConsortium(input: $input) { id } }`, {
    input: { tenderId: t.id, name: 'GME Alpes Convoyage', form: 'CONJOINT', leadJointlyLiable: true },
  })).createConsortium.id as string;
  for (const org of [BOB_ORG, firm.id]) {
    must('inviting a member', await call(alice, `mutation($c: ID!, $o: ID!) { inviteConsortiumMember(consortiumId: $c, organisationId: $o) { id } }`, { c: consortiumId, o: org }));
  }
  must("bob's acceptance", await call(bob, `mutation($c: ID!) { respondToConsortiumInvitation(consortiumId: $c, accept: true) { id } }`, { c: consortiumId }));
  const lot = (n: number) => t.lots.find((l) => l.number === n)?.id;
  const shares: Array<[number, string, number, string, string]> = [
    [1, ALICE_ORG, 320, 'hours', 'cnc-milling'],
    [2, BOB_ORG, 240, 'hours', 'welding'],
    [3, firm.id, 12, 'units', 'painting'],
  ];
  for (const [n, organisationId, committedQuantity, committedUnit, processCode] of shares) {
    must(`shares of lot ${n}`, await call(alice, `mutation($input: SetLotSharesInput!) { setConsortiumLotShares(input: $input) { id } }`, {
      input: { consortiumId, lotId: lot(n), shares: [{ organisationId, sharePercent: 100, committedQuantity, committedUnit, processCode }] },
    }));
  }
  log(`demo tendering: carla's three-lot call published; alice leads a consortium with bob's organisation and ${firm.legalName} (yet to accept)`);
}
