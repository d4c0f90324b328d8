import { fromBinary } from '@bufbuild/protobuf';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import {
  CapabilitiesUpdatedSchema,
  CapacityDeclaredSchema,
  CapacityExpiredSchema,
  LabelDeclaredSchema,
  SiteAddedSchema,
  Topic,
} from '@rim/contracts';
import { accessToken, ALICE_ORG, BOB_ORG, graphql, KafkaProbe, serviceTestEnv, startSubgraphUnderTest } from '@rim/testing';
import { AppModule } from '../src/app.module';
import { CapacityService } from '../src/capacity/capacity.service';
import { loadDirectoryConfig } from '../src/directory.config';

const PONTCHARRA = '38314';

const REGISTER = `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`;
const ADD_SITE = `mutation($org: ID!, $input: AddSiteInput!) {
  addSite(organisationId: $org, input: $input) { id communeInsee epciSiren departement region latitude longitude h3R7 }
}`;
const SET_CAPABILITIES = `mutation($site: ID!, $input: SetSiteCapabilitiesInput!) {
  setSiteCapabilities(siteId: $site, input: $input) { processCode materials certifications }
}`;
const DECLARE_LABEL = `mutation($org: ID!, $input: DeclareLabelInput!) { declareLabel(organisationId: $org, input: $input) { id labelCode } }`;
const DECLARE_CAPACITY = `mutation($input: DeclareCapacityInput!) { declareCapacity(input: $input) { id quantity } }`;
const SEARCH = `query($filter: SupplierSearchInput!) {
  searchSuppliers(filter: $filter) { edges { node { distanceKm organisation { id legalName } site { name communeInsee } } } }
}`;

describe('directory supplier profiles and search, with real Postgres, Kafka and Keycloak', () => {
  let app: NestExpressApplication;
  let url: string;
  let dataSource: DataSource;
  let stop: () => Promise<void>;
  let probe: KafkaProbe;
  let alice: string;
  let bob: string;
  let grenobleSite: string;
  const nextWeek = { from: new Date(Date.now() + 7 * 86_400_000), to: new Date(Date.now() + 14 * 86_400_000) };

  beforeAll(async () => {
    probe = await KafkaProbe.start([Topic.SiteAdded, Topic.CapabilitiesUpdated, Topic.LabelDeclared, Topic.CapacityDeclared, Topic.CapacityExpired]);
    ({ app, url, dataSource, stop } = await startSubgraphUnderTest('directory_profile', (databaseUrl) =>
      AppModule.forRoot(loadDirectoryConfig(serviceTestEnv('directory', databaseUrl))), ['error', 'warn']));
    [alice, bob] = await Promise.all([accessToken('alice'), accessToken('bob')]);
    for (const [token, siren, name] of [
      [alice, '380123455', "Forges de l'Isère"],
      [bob, '412345670', 'Plasturgie du Grésivaudan'],
    ]) {
      const r = await graphql(url, REGISTER, { input: { siren, legalName: name, nafCode: '25.62B', sizeBand: 'SMALL', tier: 2 } }, token);
      expect(r.errors).toBeUndefined();
    }
  });

  afterAll(async () => {
    await probe?.stop();
    await stop?.();
  });

  async function rowCounts(): Promise<Record<string, number>> {
    const [row] = await dataSource.query(`SELECT
      (SELECT count(*) FROM site)::int AS sites, (SELECT count(*) FROM capability)::int AS capabilities,
      (SELECT count(*) FROM origin_label)::int AS labels, (SELECT count(*) FROM spare_capacity)::int AS capacity,
      (SELECT count(*) FROM outbox_message)::int AS outbox`);
    return row;
  }

  it('adds two sites, placing one from its commune centre with its EPCI, département and H3 cell', async () => {
    const grenoble = await graphql<{ addSite: Record<string, unknown> }>(url, ADD_SITE, {
      org: ALICE_ORG,
      input: { siret: '38012345500012', name: 'Atelier Grenoble', addressLine: '12 rue des Forges', postcode: '38000', communeInsee: '38185' },
    }, alice);
    expect(grenoble.errors).toBeUndefined();
    expect(grenoble.data?.addSite).toMatchObject({
      communeInsee: '38185',
      epciSiren: '200040715', // Grenoble-Alpes Métropole
      departement: '38',
      region: '84',
      // The point on surface of Grenoble's shipped polygon (@rim/territory).
      latitude: 45.18425,
      longitude: 5.72457,
    });
    grenobleSite = grenoble.data!.addSite.id as string;
    const vif = await graphql(url, ADD_SITE, {
      org: ALICE_ORG,
      input: { siret: '38012345500020', name: 'Forge de Vif', addressLine: 'ZI des Speysses', postcode: '38450', communeInsee: '38545', latitude: 45.055, longitude: 5.671 },
    }, alice);
    expect(vif.errors).toBeUndefined();
    const event = await probe.waitFor((r) => r.topic === Topic.SiteAdded && fromBinary(SiteAddedSchema, r.value).siteId === grenobleSite);
    const site = fromBinary(SiteAddedSchema, event.value);
    expect(site.location).toMatchObject({ communeInsee: '38185', departement: '38', epciSiren: '200040715' });
    expect(site.location?.h3R7).toMatch(/^87/);
  });

  it('refuses a site whose SIRET is not the organisation’s, or whose commune is unknown, writing nothing', async () => {
    const before = await rowCounts();
    const r = await graphql(url, ADD_SITE, {
      org: ALICE_ORG,
      input: { siret: '41234567000019', name: 'Pas à nous', addressLine: '1 rue X', postcode: '38000', communeInsee: '99999' },
    }, alice);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (r.errors?.[0]?.extensions?.fields as Array<{ field: string }>).map((f) => f.field);
    expect(fields).toContain('input.communeInsee');
    const wrongSiren = await graphql(url, ADD_SITE, {
      org: ALICE_ORG,
      input: { siret: '41234567000019', name: 'Pas à nous', addressLine: '1 rue X', postcode: '38000', communeInsee: '38185' },
    }, alice);
    expect(wrongSiren.errors?.[0]?.message).toContain("input.siret: must start with the organisation's SIREN 380123455");
    expect(await rowCounts()).toEqual(before);
  });

  it('declares capabilities from the taxonomy and refuses an unknown process', async () => {
    const bad = await graphql(url, SET_CAPABILITIES, {
      site: grenobleSite,
      input: { capabilities: [{ processCode: 'telepathy', materials: [], certifications: [], minBatch: 1, maxBatch: 10, leadTimeDays: 5 }] },
    }, alice);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toContain('input.capabilities.0.processCode');
    const ok = await graphql(url, SET_CAPABILITIES, {
      site: grenobleSite,
      input: { capabilities: [{ processCode: 'cnc-milling', materials: ['Steel', 'aluminium'], certifications: ['iso 9001'], minBatch: 40, maxBatch: 5000, leadTimeDays: 10 }] },
    }, alice);
    expect(ok.errors).toBeUndefined();
    const event = await probe.waitFor((r) => r.topic === Topic.CapabilitiesUpdated && r.key === ALICE_ORG);
    expect(fromBinary(CapabilitiesUpdatedSchema, event.value).capabilities[0]).toMatchObject({
      processCode: 'cnc-milling',
      materials: ['steel', 'aluminium'],
      certifications: ['ISO 9001'],
    });
  });

  it('refuses Origine France Garantie at 40 % French cost, naming the rule, and accepts it at 60 %', async () => {
    const before = await rowCounts();
    const refused = await graphql(url, DECLARE_LABEL, {
      org: ALICE_ORG,
      input: { label: 'ORIGINE_FRANCE_GARANTIE', product: 'Brides forgées', frenchCostSharePercent: 40, materialOrigin: 'Italie', placeOfManufacture: 'Grenoble' },
    }, alice);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toBe(
      'input.frenchCostSharePercent: Origine France Garantie requires at least 50 % of the unit cost acquired in France (declared 40 %)',
    );
    expect(await rowCounts()).toEqual(before);
    const accepted = await graphql(url, DECLARE_LABEL, {
      org: ALICE_ORG,
      input: { label: 'ORIGINE_FRANCE_GARANTIE', product: 'Brides forgées', frenchCostSharePercent: 60, materialOrigin: 'France', placeOfManufacture: 'Grenoble' },
    }, alice);
    expect(accepted.errors).toBeUndefined();
    const event = await probe.waitFor((r) => r.topic === Topic.LabelDeclared && r.key === ALICE_ORG);
    expect(fromBinary(LabelDeclaredSchema, event.value).labelCode).toBe('origine-france-garantie');
  });

  it('declares spare capacity, refuses an overlapping declaration, and finds it by radius from a commune 36 km away', async () => {
    const declared = await graphql(url, DECLARE_CAPACITY, {
      input: { siteId: grenobleSite, processCode: 'cnc-milling', quantity: 120, unit: 'HOURS', windowStart: nextWeek.from, windowEnd: nextWeek.to },
    }, alice);
    expect(declared.errors).toBeUndefined();
    const overlap = await graphql(url, DECLARE_CAPACITY, {
      input: { siteId: grenobleSite, processCode: 'cnc-milling', quantity: 10, unit: 'HOURS', windowStart: new Date(nextWeek.from.getTime() + 86_400_000), windowEnd: nextWeek.to },
    }, alice);
    expect(overlap.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(overlap.errors?.[0]?.message).toContain('input.windowStart: overlaps capacity already declared');
    await probe.waitFor((r) => r.topic === Topic.CapacityDeclared && fromBinary(CapacityDeclaredSchema, r.value).quantity === 120);

    const filter = { nearCommune: PONTCHARRA, radiusKm: 40, processCodes: ['cnc-milling'], capacity: { from: nextWeek.from, to: nextWeek.to, minQuantity: 50 } };
    const found = await graphql<{ searchSuppliers: { edges: Array<{ node: { distanceKm: number; organisation: { id: string }; site: { name: string } } }> } }>(
      url, SEARCH, { filter },
    );
    expect(found.errors).toBeUndefined();
    const hit = found.data!.searchSuppliers.edges.map((e) => e.node);
    expect(hit).toHaveLength(1);
    expect(hit[0].organisation.id).toBe(ALICE_ORG);
    expect(hit[0].site.name).toBe('Atelier Grenoble');
    expect(hit[0].distanceKm).toBeGreaterThan(30);
    expect(hit[0].distanceKm).toBeLessThan(40);
    // The same search with a radius that stops short of Grenoble finds nothing.
    const short = await graphql<{ searchSuppliers: { edges: unknown[] } }>(url, SEARCH, { filter: { ...filter, radiusKm: 30 } });
    expect(short.data!.searchSuppliers.edges).toHaveLength(0);
    // And a window with no declared capacity finds nothing either.
    const later = { from: new Date(Date.now() + 60 * 86_400_000), to: new Date(Date.now() + 61 * 86_400_000) };
    const none = await graphql<{ searchSuppliers: { edges: unknown[] } }>(url, SEARCH, { filter: { ...filter, capacity: later } });
    expect(none.data!.searchSuppliers.edges).toHaveLength(0);
  });

  it('expires lapsed capacity and announces it', async () => {
    const lapsed = await app.get(CapacityService).expireLapsed(new Date(Date.now() + 30 * 86_400_000));
    expect(lapsed).toBe(1);
    const event = await probe.waitFor((r) => r.topic === Topic.CapacityExpired);
    expect(fromBinary(CapacityExpiredSchema, event.value).organisationId).toBe(ALICE_ORG);
  });

  it('refuses a negative or too large radius, naming the field', async () => {
    for (const radiusKm of [-5, 500]) {
      const r = await graphql(url, SEARCH, { filter: { nearCommune: PONTCHARRA, radiusKm } });
      expect(r.status).toBeLessThan(500);
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.message).toMatch(/^filter\.radiusKm: /);
    }
  });

  it('hides partners-only fields from another organisation until access is granted', async () => {
    const update = await graphql(url, `mutation { updateOrganisation(id: "${ALICE_ORG}", input: { knowHow: "Forgeage à chaud de l'inox 316L" }) { id } }`, {}, alice);
    expect(update.errors).toBeUndefined();
    const read = (token?: string) =>
      graphql<{ organisation: { knowHow: string | null; legalName: string } }>(url, `{ organisation(id: "${ALICE_ORG}") { legalName knowHow } }`, {}, token);
    expect((await read(alice)).data?.organisation.knowHow).toBe("Forgeage à chaud de l'inox 316L");
    expect((await read(bob)).data?.organisation).toEqual({ legalName: "Forges de l'Isère", knowHow: null });
    expect((await read()).data?.organisation.knowHow).toBeNull();
    const grant = await graphql(url, `mutation { grantPartnerAccess(organisationId: "${ALICE_ORG}", partnerOrganisationId: "${BOB_ORG}") }`, {}, alice);
    expect(grant.errors).toBeUndefined();
    expect((await read(bob)).data?.organisation.knowHow).toBe("Forgeage à chaud de l'inox 316L");
  });

  it('finds a substitute near an organisation for its process', async () => {
    const subs = await graphql<{ findSubstitute: Array<{ organisation: { id: string } }> }>(
      url, `{ findSubstitute(organisationId: "${BOB_ORG}", processCode: "cnc-milling") { organisation { id } distanceKm } }`,
    );
    // Bob has no site yet: a clear not-found, never a 500.
    expect(subs.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
  it('places a site anywhere in the région from its commune centre, and searches near any commune of it', async () => {
    // Aurillac (Cantal) is far from the demo territory: its centre comes from the shipped boundaries.
    const aurillac = await graphql<{ addSite: Record<string, unknown> }>(url, ADD_SITE, {
      org: ALICE_ORG,
      input: { siret: '38012345500038', name: 'Atelier du Cantal', addressLine: '2 avenue de la République', postcode: '15000', communeInsee: '15014' },
    }, alice);
    expect(aurillac.errors).toBeUndefined();
    const site = aurillac.data!.addSite as { latitude: number; longitude: number; epciSiren: string };
    expect(site.epciSiren).toBe('241500230'); // CA du Bassin d'Aurillac
    expect(Math.abs(site.latitude - 44.92)).toBeLessThan(0.05);
    expect(Math.abs(site.longitude - 2.44)).toBeLessThan(0.05);
    const near = await graphql<{ searchSuppliers: { edges: { node: { site: { name: string } } }[] } }>(url, SEARCH, { filter: { nearCommune: '15012', radiusKm: 15 } });
    expect(near.errors).toBeUndefined();
    expect(near.data!.searchSuppliers.edges.map((e) => e.node.site.name)).toEqual(['Atelier du Cantal']);
  });
});
