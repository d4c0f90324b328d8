import { randomUUID } from 'node:crypto';
import { fromBinary } from '@bufbuild/protobuf';
import {
  CapabilitiesUpdatedSchema,
  CapacityDeclaredSchema,
  LabelDeclaredSchema,
  OrganisationRegisteredSchema,
  SiteAddedSchema,
  Topic,
} from '@rim/contracts';
import { accessToken, ALICE_ORG, BOB_ORG, KafkaProbe, type SeenRecord } from '@rim/testing';
import { gql, STACK_TRACE, startPlatform, type HttpResult, type Platform } from './support/platform';

/**
 * Issue 3, "How it will be checked": a supplier's profile end to end, only through the gateway,
 * with tokens from the real Keycloak, and its events read back from the real Kafka and decoded with
 * the generated schemas. services/directory/test/supplier-profile.integration-spec.ts checks the
 * same rules at the subgraph; this file checks them as a buyer or an SME meets them.
 */
const LA_MURE = '38269'; // 32 km south of the Grenoble site, 17 km from the Vif one

const REGISTER = `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`;
const ADD_SITE = `mutation($org: ID!, $input: AddSiteInput!) { addSite(organisationId: $org, input: $input) { id communeInsee epciSiren latitude longitude } }`;
const SET_CAPABILITIES = `mutation($site: ID!, $input: SetSiteCapabilitiesInput!) { setSiteCapabilities(siteId: $site, input: $input) { processCode } }`;
const DECLARE_LABEL = `mutation($org: ID!, $input: DeclareLabelInput!) { declareLabel(organisationId: $org, input: $input) { id labelCode } }`;
const DECLARE_CAPACITY = `mutation($input: DeclareCapacityInput!) { declareCapacity(input: $input) { id quantity } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateOrganisationInput!) { updateOrganisation(id: $id, input: $input) { id } }`;
const PROFILE = `query($id: ID!) { organisation(id: $id) { legalName knowHow clientReferences } }`;
const SEARCH = `query($filter: SupplierSearchInput!) {
  searchSuppliers(filter: $filter) { edges { node { distanceKm site { name } organisation { id knowHow clientReferences } } } }
}`;

interface Match {
  distanceKm: number;
  site: { name: string };
  organisation: { id: string; knowHow: string | null; clientReferences: string | null };
}

describe('supplier directory through the gateway (e2e, issue 3)', () => {
  let platform: Platform;
  let probe: KafkaProbe;
  let alice: string;
  let bob: string;
  // Every request of this file carries it, so its events are told apart from any other run's on the shared Kafka.
  const correlationId = `e2e-supplier-${randomUUID()}`;
  const sites: Record<'grenoble' | 'vif', string> = { grenoble: '', vif: '' };
  const nextWeek = { from: new Date(Date.now() + 7 * 86_400_000), to: new Date(Date.now() + 14 * 86_400_000) };

  beforeAll(async () => {
    // Probe first: it sees only what is published after it joins.
    probe = await KafkaProbe.start([Topic.OrganisationRegistered, Topic.SiteAdded, Topic.CapabilitiesUpdated, Topic.LabelDeclared, Topic.CapacityDeclared]);
    platform = await startPlatform('supplier_e2e');
    [alice, bob] = await Promise.all([accessToken('alice'), accessToken('bob')]);
  }, 180_000);

  afterAll(async () => {
    await probe?.stop();
    await platform?.stop();
  });

  /** A GraphQL call through the gateway that must succeed; returns its data. */
  async function ok(query: string, variables: Record<string, unknown>, token?: string): Promise<Record<string, unknown>> {
    const result = await gql(platform.gatewayUrl, query, variables, { token, headers: { 'x-correlation-id': correlationId } });
    expect(result.json?.errors).toBeUndefined();
    expect(result.status).toBe(200);
    return result.json!.data as Record<string, unknown>;
  }

  const ours = (topic: string) => (r: SeenRecord) => r.topic === topic && r.headers.ce_correlationid === correlationId;

  async function counts(): Promise<{ labels: number; outbox: number }> {
    const [row] = await platform.directoryQuery<{ labels: number; outbox: number }>(
      `SELECT (SELECT count(*) FROM origin_label)::int AS labels, (SELECT count(*) FROM outbox_message)::int AS outbox`,
    );
    return row;
  }

  it('alice registers her organisation with two sites and their capabilities', async () => {
    await ok(REGISTER, { input: { siren: '380123455', legalName: "Forges de l'Isère", nafCode: '25.50A', sizeBand: 'SMALL', tier: 2 } }, alice);
    const grenoble = (await ok(ADD_SITE, {
      org: ALICE_ORG,
      input: { siret: '38012345500012', name: 'Atelier Grenoble', addressLine: '12 rue des Forges', postcode: '38000', communeInsee: '38185' },
    }, alice)).addSite as { id: string; epciSiren: string; latitude: number };
    // No coordinates given: the site is placed at the commune centre, in Grenoble-Alpes Métropole.
    // (the point on surface of Grenoble's shipped polygon, libs/territory: 45.1842 N).
    expect(grenoble).toMatchObject({ epciSiren: '200040715' });
    expect(grenoble.latitude).toBeCloseTo(45.1842, 3);
    const vif = (await ok(ADD_SITE, {
      org: ALICE_ORG,
      input: { siret: '38012345500020', name: 'Forge de Vif', addressLine: 'ZI des Speysses', postcode: '38450', communeInsee: '38545', latitude: 45.055, longitude: 5.671 },
    }, alice)).addSite as { id: string };
    Object.assign(sites, { grenoble: grenoble.id, vif: vif.id });
    for (const [site, processCode] of [[sites.grenoble, 'cnc-milling'], [sites.vif, 'forging']]) {
      await ok(SET_CAPABILITIES, {
        site,
        input: { capabilities: [{ processCode, materials: ['steel'], certifications: ['ISO 9001'], minBatch: 10, maxBatch: 5000, leadTimeDays: 10 }] },
      }, alice);
    }
  });

  it('refuses Origine France Garantie at 40 % French cost, naming the rule and the field, writing nothing; accepts 60 %', async () => {
    const before = await counts();
    const label = { label: 'ORIGINE_FRANCE_GARANTIE', product: 'Brides forgées', materialOrigin: 'Italie', placeOfManufacture: 'Grenoble' };
    const refused: HttpResult = await gql(platform.gatewayUrl, DECLARE_LABEL, { org: ALICE_ORG, input: { ...label, frenchCostSharePercent: 40 } }, {
      token: alice,
      headers: { 'x-correlation-id': correlationId },
    });
    expect(refused.status).toBeLessThan(500);
    expect(refused.json?.errors).toHaveLength(1);
    expect(refused.json?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.json?.errors?.[0]?.message).toBe(
      'input.frenchCostSharePercent: Origine France Garantie requires at least 50 % of the unit cost acquired in France (declared 40 %)',
    );
    expect(refused.text).not.toMatch(STACK_TRACE);
    expect(refused.json?.data?.declareLabel ?? null).toBeNull();
    expect(await counts()).toEqual(before);
    // Positive control: the same declaration at 60 % is accepted and written with its event.
    await ok(DECLARE_LABEL, { org: ALICE_ORG, input: { ...label, frenchCostSharePercent: 60 } }, alice);
    expect(await counts()).toEqual({ labels: before.labels + 1, outbox: before.outbox + 1 });
  });

  it('declares spare capacity at the Grenoble site; a buyer finds it by radius from La Mure, 32 km away', async () => {
    await ok(DECLARE_CAPACITY, {
      input: { siteId: sites.grenoble, processCode: 'cnc-milling', quantity: 120, unit: 'HOURS', windowStart: nextWeek.from, windowEnd: nextWeek.to },
    }, alice);
    const filter = { nearCommune: LA_MURE, radiusKm: 35, processCodes: ['cnc-milling'], capacity: { from: nextWeek.from, to: nextWeek.to, minQuantity: 50 } };
    const found = (await ok(SEARCH, { filter })).searchSuppliers as { edges: Array<{ node: Match }> };
    expect(found.edges).toHaveLength(1);
    const [{ node }] = found.edges;
    expect(node.organisation.id).toBe(ALICE_ORG);
    // The capacity is at the Grenoble site, not at the nearer Vif one.
    expect(node.site.name).toBe('Atelier Grenoble');
    expect(node.distanceKm).toBeGreaterThan(30);
    expect(node.distanceKm).toBeLessThan(35);
    // Negative controls: a radius short of Grenoble, or a window without declared capacity, find nothing.
    const short = (await ok(SEARCH, { filter: { ...filter, radiusKm: 25 } })).searchSuppliers as { edges: unknown[] };
    expect(short.edges).toHaveLength(0);
    const later = { from: new Date(Date.now() + 60 * 86_400_000), to: new Date(Date.now() + 61 * 86_400_000) };
    const none = (await ok(SEARCH, { filter: { ...filter, capacity: later } })).searchSuppliers as { edges: unknown[] };
    expect(none.edges).toHaveLength(0);
    // Without the capacity filter the organisation is found at its nearest site, Vif.
    const nearest = (await ok(SEARCH, { filter: { nearCommune: LA_MURE, radiusKm: 35 } })).searchSuppliers as { edges: Array<{ node: Match }> };
    expect(nearest.edges.map((e) => [e.node.organisation.id, e.node.site.name])).toEqual([[ALICE_ORG, 'Forge de Vif']]);
    expect(nearest.edges[0].node.distanceKm).toBeLessThan(20);
  });

  it('hides know-how and client references from a user of another organisation, in the profile and in search', async () => {
    const hidden = { knowHow: "Forgeage à chaud de l'inox 316L", clientReferences: 'Turbines du Drac, Téléphériques des Alpes' };
    await ok(UPDATE, { id: ALICE_ORG, input: { ...hidden, knowHowVisibility: 'PARTNERS', clientReferencesVisibility: 'PARTNERS' } }, alice);
    // Positive control: alice, of the organisation, sees both.
    expect((await ok(PROFILE, { id: ALICE_ORG }, alice)).organisation).toEqual({ legalName: "Forges de l'Isère", ...hidden });
    for (const token of [bob, undefined]) {
      expect((await ok(PROFILE, { id: ALICE_ORG }, token)).organisation).toEqual({ legalName: "Forges de l'Isère", knowHow: null, clientReferences: null });
      const found = (await ok(SEARCH, { filter: { text: 'forges de l' } }, token)).searchSuppliers as { edges: Array<{ node: Match }> };
      expect(found.edges.map((e) => e.node.organisation)).toEqual([{ id: ALICE_ORG, knowHow: null, clientReferences: null }]);
    }
    // bob's organisation is another one than alice's: the test would prove nothing otherwise.
    const bobsOrg = JSON.parse(Buffer.from(bob.split('.')[1], 'base64url').toString('utf8')).org_id;
    expect(bobsOrg).toBe(BOB_ORG);
  });

  it('published organisation-registered, site-added, capabilities-updated, label-declared and capacity-declared, decoded with the generated schemas', async () => {
    const registered = fromBinary(OrganisationRegisteredSchema, (await probe.waitFor(ours(Topic.OrganisationRegistered))).value);
    expect(registered).toMatchObject({ organisationId: ALICE_ORG, siren: '380123455', nafCode: '25.50A', tier: 2 });

    await probe.waitFor((r) => ours(Topic.SiteAdded)(r) && fromBinary(SiteAddedSchema, r.value).siteId === sites.vif);
    const siteEvents = probe.records.filter(ours(Topic.SiteAdded)).map((r) => fromBinary(SiteAddedSchema, r.value));
    expect(siteEvents.map((e) => e.siteId).sort()).toEqual([sites.grenoble, sites.vif].sort());
    const grenoble = siteEvents.find((e) => e.siteId === sites.grenoble)!;
    expect(grenoble).toMatchObject({ organisationId: ALICE_ORG, siret: '38012345500012' });
    expect(grenoble.location).toMatchObject({ communeInsee: '38185', epciSiren: '200040715', departement: '38', region: '84' });
    expect(grenoble.location?.latitude).toBeCloseTo(45.1842, 3);
    expect(grenoble.location?.h3R7).toMatch(/^87/);

    await probe.waitFor((r) => ours(Topic.CapabilitiesUpdated)(r) && fromBinary(CapabilitiesUpdatedSchema, r.value).siteId === sites.vif);
    const capabilities = probe.records.filter(ours(Topic.CapabilitiesUpdated)).map((r) => fromBinary(CapabilitiesUpdatedSchema, r.value));
    expect(capabilities.map((e) => [e.siteId, e.capabilities.map((c) => c.processCode)])).toEqual(
      expect.arrayContaining([[sites.grenoble, ['cnc-milling']], [sites.vif, ['forging']]]),
    );

    const label = fromBinary(LabelDeclaredSchema, (await probe.waitFor(ours(Topic.LabelDeclared))).value);
    expect(label).toMatchObject({ organisationId: ALICE_ORG, labelCode: 'origine-france-garantie', product: 'Brides forgées' });
    // Only the accepted declaration was announced, not the refused one.
    expect(probe.records.filter(ours(Topic.LabelDeclared))).toHaveLength(1);

    const capacity = fromBinary(CapacityDeclaredSchema, (await probe.waitFor(ours(Topic.CapacityDeclared))).value);
    expect(capacity).toMatchObject({ organisationId: ALICE_ORG, siteId: sites.grenoble, processCode: 'cnc-milling', quantity: 120 });
  });
});
