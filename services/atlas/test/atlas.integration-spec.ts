import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { create, toBinary, type DescMessage, type MessageInitShape } from '@bufbuild/protobuf';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import {
  CapabilitiesUpdatedSchema,
  CapacityDeclaredSchema,
  ConsortiumFormedSchema,
  ContractSignedSchema,
  LotAwardedSchema,
  OrganisationRegisteredSchema,
  ShipmentDeliveredSchema,
  SiteAddedSchema,
  TenderClosedSchema,
  TenderPublishedSchema,
  Topic,
} from '@rim/contracts';
import { eventHeaders, KafkaEventBus } from '@rim/messaging';
import { territory } from '@rim/territory';
import { subgraphSdl } from '@rim/service-kit';
import { accessToken, eventually, expectCommittedSchema, graphql, openEventStream, required, serviceTestEnv, startSubgraphUnderTest } from '@rim/testing';
import { AppModule } from '../src/app.module';
import { loadAtlasConfig } from '../src/atlas.config';

// The shared broker keeps every earlier run's events (and other suites' ones, around Grenoble and
// Lyon): each run works in an EPCI of its own, picked at random away from those, so leftovers do
// not move the cells it looks at.
const t = territory();
const candidates = t
  .areas('epci')
  .map((e) => ({ code: e.code, communes: t.communes().filter((c) => c.epci === e.code).sort((x, y) => x.code.localeCompare(y.code)) }))
  .filter((e) => e.communes.length >= 3 && e.communes.every((c) => !['01', '38', '69', '73', '74'].includes(c.departement)));
const picked = candidates[Math.floor(Math.random() * candidates.length)]!;
const EPCI = picked.code;
const [A, B, C] = picked.communes;

describe('atlas read model, with real Postgres, Kafka and Keycloak', () => {
  let app: NestExpressApplication;
  let base: string;
  let url: string;
  let dataSource: DataSource;
  let stop: () => Promise<void>;
  let bus: KafkaEventBus;
  const organisations: string[] = [];
  const sent = new Map<string, { topic: string; key: string; value: Buffer; headers: Record<string, string> }>();

  async function publish<D extends DescMessage>(topic: string, schema: D, key: string, message: MessageInitShape<D>, id = randomUUID()): Promise<string> {
    const record = {
      topic,
      key,
      value: Buffer.from(toBinary(schema, create(schema, message))),
      headers: eventHeaders({ id, typeName: schema.typeName, source: 'atlas-test', trace: { correlationId: id, causationId: id } }),
    };
    sent.set(id, record);
    await bus.publish([record]);
    return id;
  }

  async function registerWithSite(communeCode: string, nafCode: string, hours?: number): Promise<{ organisationId: string; siteId: string; siteEvent: string }> {
    const organisationId = randomUUID();
    const siteId = randomUUID();
    const commune = t.commune(communeCode)!;
    organisations.push(organisationId);
    await publish(Topic.OrganisationRegistered, OrganisationRegisteredSchema, organisationId, {
      organisationId,
      siren: '000000000',
      legalName: `Secret Name ${organisationId}`,
      nafCode,
      tier: 2,
    });
    const siteEvent = await publish(Topic.SiteAdded, SiteAddedSchema, organisationId, {
      siteId,
      organisationId,
      name: `Secret Site ${siteId}`,
      location: { latitude: commune.centre[1], longitude: commune.centre[0], communeInsee: communeCode },
    });
    if (hours !== undefined) {
      await publish(Topic.CapacityDeclared, CapacityDeclaredSchema, organisationId, {
        capacityId: randomUUID(),
        organisationId,
        siteId,
        processCode: 'cnc-milling',
        quantity: hours,
        unit: 'hours',
        windowStart: new Date().toISOString(),
        windowEnd: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      });
    }
    return { organisationId, siteId, siteEvent };
  }

  const get = (path: string, token?: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });

  const feature = async (level: string, indicator: string, code: string, token?: string) => {
    const body = (await (await get(`/atlas/geojson/${level}?indicator=${indicator}`, token)).json()) as {
      features: { id: string; properties: Record<string, unknown> }[];
    };
    return body.features.find((f) => f.id === code)?.properties;
  };

  beforeAll(async () => {
    bus = new KafkaEventBus({ clientId: 'atlas-test', brokers: required('KAFKA_BROKERS').split(',') });
    ({ app, url, dataSource, stop } = await startSubgraphUnderTest(
      'atlas',
      (databaseUrl) => AppModule.forRoot(loadAtlasConfig(serviceTestEnv('atlas', databaseUrl, { ATLAS_REFRESH_MS: '100' }))),
      ['error', 'warn'],
    ));
    base = url.replace(/\/graphql$/, '');
  });

  afterAll(async () => {
    await bus?.close();
    await stop?.();
  });

  it('commits the emitted subgraph schema (UPDATE_SCHEMAS=1 npm run test:integration rewrites it, never in CI)', () => {
    expectCommittedSchema(subgraphSdl(app), join(__dirname, '..', 'schema.graphql'));
  });

  it('hears organisations through the inbox and withholds the cells with fewer than 3 of them', async () => {
    // A: 2 organisations; B: 4; C: 3 of which one declares almost all the capacity.
    for (const code of [A!.code, A!.code]) await registerWithSite(code, '25.62B', 40);
    for (let i = 0; i < 4; i++) await registerWithSite(B!.code, i % 2 ? '25.62B' : '71.12B', 30 + i);
    await registerWithSite(C!.code, '25.62B', 5000);
    await registerWithSite(C!.code, '25.62B', 10);
    await registerWithSite(C!.code, '25.62B', 10);
    await eventually('the capacity of every organisation', async () => {
      const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM atlas_capacity WHERE organisation_id = ANY($1)`, [organisations]);
      return n === organisations.length ? true : undefined;
    }, { timeoutMs: 120_000 });
    const eve = await accessToken('eve');
    await eventually('5 organisations in commune B', async () => ((await feature('commune', 'organisations', B!.code))?.value === 5 ? true : undefined));
    expect(await feature('commune', 'organisations', B!.code)).toMatchObject({ value: 5, withheld: false, withheldReason: null });
    expect(await feature('commune', 'organisations', A!.code)).toMatchObject({ value: null, withheld: true, withheldReason: 'fewer-than-3' });
    expect(await feature('commune', 'spare_capacity_hours', C!.code, eve)).toMatchObject({ value: null, withheld: true, withheldReason: 'dominance-85' });
    // Nothing the atlas serves names or identifies an organisation or a site.
    for (const path of ['/atlas/geojson/commune?indicator=organisations', '/atlas/geojson/h3r7?indicator=sites', `/atlas/export.csv?level=commune&indicator=spare_capacity_hours`, `/atlas/areas/epci/${EPCI}`]) {
      const text = await (await get(path, eve)).text();
      expect(text).not.toMatch(/Secret (Name|Site)/);
      for (const id of organisations) expect(text).not.toContain(id);
    }
  });

  it('applies a redelivered event once: same event id, one effect', async () => {
    const { siteEvent, siteId, organisationId } = await registerWithSite(B!.code, '25.62B');
    await eventually('the site event in the inbox', async () => ((await dataSource.query(`SELECT 1 FROM inbox_message WHERE event_id = $1`, [siteEvent])).length ? true : undefined));
    const progress = async (): Promise<{ revision: number; applied: number }> =>
      (await dataSource.query(`SELECT (SELECT revision::int FROM atlas_revision) AS revision, (SELECT count(*)::int FROM inbox_message) AS applied`))[0];
    const before = await progress();
    const duplicate = sent.get(siteEvent)!;
    await bus.publish([duplicate, duplicate]);
    // A marker on the same key, so the same partition, after the duplicates: once it is applied,
    // the duplicates have been consumed.
    const markerSite = randomUUID();
    await publish(Topic.SiteAdded, SiteAddedSchema, organisationId, { siteId: markerSite, organisationId, name: 'marker', location: { communeInsee: B!.code } });
    await eventually('the marker site', async () => ((await dataSource.query(`SELECT 1 FROM atlas_site WHERE id = $1`, [markerSite])).length ? true : undefined));
    const after = await progress();
    // Every applied event bumps the revision once; the duplicates added no inbox row and no bump.
    expect(after.revision - before.revision).toBe(after.applied - before.applied);
    expect(after.applied - before.applied).toBeGreaterThanOrEqual(1);
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM inbox_message WHERE event_id = $1`, [siteEvent]);
    expect(n).toBe(1);
    const [{ sites }] = await dataSource.query(`SELECT count(*)::int AS sites FROM atlas_site WHERE id = $1`, [siteId]);
    expect(sites).toBe(1);
  });

  it('serves GeoJSON with cache headers, an ETag and 304, and refuses bad parameters naming them', async () => {
    const response = await get('/atlas/geojson/epci?indicator=organisations');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    const etag = response.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const body = (await response.json()) as { type: string; features: { id: string; geometry: { type: string }; properties: Record<string, unknown> }[] };
    expect(body.type).toBe('FeatureCollection');
    expect(body.features.length).toBe(t.areas('epci').length);
    expect(body.features.find((f) => f.id === EPCI)!.properties).toMatchObject({ code: EPCI, level: 'epci', indicator: 'organisations', withheld: false });
    expect((await get('/atlas/geojson/epci?indicator=organisations', undefined, { 'if-none-match': etag })).status).toBe(304);
    const within = (await (await get(`/atlas/geojson/commune?indicator=sites&within=epci:${EPCI}`)).json()) as { features: unknown[] };
    expect(within.features.length).toBe(t.communes().filter((c) => c.epci === EPCI).length);
    const hex = (await (await get('/atlas/geojson/h3r7?indicator=sites')).json()) as { features: { geometry: { coordinates: number[][][] } }[] };
    expect(hex.features.length).toBeGreaterThan(0);
    expect(hex.features[0]!.geometry.coordinates[0]!.length).toBe(7); // a closed hexagon

    for (const [path, field] of [
      ['/atlas/geojson/canton?indicator=organisations', 'level'],
      ['/atlas/geojson/epci?indicator=turnover', 'indicator'],
      ['/atlas/geojson/epci', 'indicator'],
      ['/atlas/geojson/commune?indicator=sites&within=epci:nope', 'within'],
      [`/atlas/geojson/epci?indicator=sites&within=commune:${A!.code}`, 'within'],
      ['/atlas/export.csv?level=x&indicator=sites', 'level'],
    ] as const) {
      const r = await get(path);
      expect({ path, status: r.status }).toEqual({ path, status: 400 });
      expect(await r.json()).toMatchObject({ field, error: expect.any(String) });
    }
    const missing = await get('/atlas/areas/commune/99999');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ field: 'code' });
  });

  it('serves non-public indicators to the authority and operator roles only, over HTTP and GraphQL', async () => {
    const [eve, oscar, alice] = await Promise.all([accessToken('eve'), accessToken('oscar'), accessToken('alice')]);
    for (const token of [undefined, alice]) {
      const r = await get('/atlas/geojson/commune?indicator=spare_capacity_hours', token);
      expect(r.status).toBe(403);
      expect(await r.json()).toMatchObject({ field: 'indicator' });
      const list = (await (await get('/atlas/indicators', token)).json()) as { key: string; public: boolean }[];
      expect(list.every((d) => d.public)).toBe(true);
      const gql = await graphql(url, `{ atlasValues(level: "commune", indicator: "bookings") { code value } }`, {}, token);
      expect(gql.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const area = (await (await get(`/atlas/areas/epci/${EPCI}`, token)).json()) as { indicators: Record<string, unknown> };
      expect(Object.keys(area.indicators)).not.toContain('spare_capacity_hours');
    }
    for (const token of [eve, oscar]) {
      const r = await get('/atlas/geojson/commune?indicator=spare_capacity_hours', token);
      expect(r.status).toBe(200);
      expect(r.headers.get('cache-control')).toMatch(/^private, /);
      const list = (await (await get('/atlas/indicators', token)).json()) as { key: string }[];
      expect(list.map((d) => d.key)).toEqual(expect.arrayContaining(['asset_utilisation', 'bookings', 'spare_capacity_hours']));
      const gql = await graphql<{ atlasValues: { code: string; value: number | null }[] }>(
        url,
        `query($w: String) { atlasValues(level: "commune", indicator: "spare_capacity_hours", within: $w) { code value withheld withheldReason } }`,
        { w: `epci:${EPCI}` },
        token,
      );
      expect(gql.errors).toBeUndefined();
      expect(gql.data!.atlasValues.find((v) => v.code === B!.code)!.value).toBe(150); // 30+31+32+33 = 126, on the 50 step
    }
    const area = await graphql<{ atlasArea: { name: string; indicators: { indicator: string }[]; sectorMix: { nafSection: string }[]; history: { day: string }[] } }>(
      url,
      `query($c: String!) { atlasArea(level: "epci", code: $c) { name indicators { indicator value withheld } sectorMix { nafSection label value withheld } history(indicator: "organisations", days: 7) { day value withheld } } }`,
      { c: EPCI },
      eve,
    );
    expect(area.errors).toBeUndefined();
    expect(area.data!.atlasArea.sectorMix.map((s) => s.nafSection)).toEqual(expect.arrayContaining(['C', 'M']));
    expect(area.data!.atlasArea.history.map((h) => h.day)).toContain(new Date().toISOString().slice(0, 10));
    const bad = await graphql(url, `{ atlasValues(level: "canton", indicator: "sites") { code } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'level' }] });
  });

  it('exports CSV with the header row and empty values for withheld cells', async () => {
    const response = await get(`/atlas/export.csv?level=commune&indicator=organisations&within=epci:${EPCI}`);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe('code,name,level,indicator,value,withheld');
    const row = lines.find((l) => l.startsWith(`${A!.code},`))!.split(',');
    expect(row.slice(-2)).toEqual(['', 'true']);
    expect(lines.find((l) => l.startsWith(`${B!.code},`))!.split(',').slice(-2)).toEqual(['5', 'false']);
  });

  it('streams changed values as Server-Sent Events, filtered by role', async () => {
    const eve = await accessToken('eve');
    const privileged = await openEventStream(`${base}/atlas/stream`, eve);
    const anonymous = await openEventStream(`${base}/atlas/stream`);
    try {
      expect(privileged.status).toBe(200);
      expect(privileged.type).toMatch(/^text\/event-stream/);
      await registerWithSite(A!.code, '25.62B', 45);
      // A goes from 2 to 3 organisations: published at last.
      const event = await eventually('the organisations indicator of commune A on the anonymous stream', () =>
        anonymous.events.find((e) => e.data['level'] === 'commune' && e.data['code'] === A!.code && e.data['indicator'] === 'organisations'),
      );
      expect(event).toMatchObject({ event: 'indicator', data: { value: 5, withheld: false, at: expect.any(String) } });
      await eventually('spare capacity of commune A on the privileged stream', () => privileged.events.find((e) => e.data['indicator'] === 'spare_capacity_hours' && e.data['code'] === A!.code));
      expect(anonymous.events.filter((e) => e.data['indicator'] === 'spare_capacity_hours')).toEqual([]);
    } finally {
      privileged.close();
      anonymous.close();
    }
  });

  it('allows the portal origins and no other', async () => {
    const allowed = await get('/atlas/indicators', undefined, { origin: 'http://127.0.0.1:4200' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4200');
    const other = await get('/atlas/indicators', undefined, { origin: 'http://evil.example' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('maps calls for tenders, their gaps, consortia, the value awarded to local suppliers and pooled loads, from tendering and logistics events', async () => {
    const eve = await accessToken('eve');
    // Process codes of this run only: other suites declare the real ones all over the région.
    const gapProcess = `test-gap-${randomUUID().slice(0, 8)}`;
    const servedProcess = `test-served-${randomUUID().slice(0, 8)}`;
    const suppliers = [];
    for (let i = 0; i < 4; i++) suppliers.push(await registerWithSite(C!.code, '25.62B'));
    const [x1, x2, x3, x4] = suppliers as [(typeof suppliers)[number], (typeof suppliers)[number], (typeof suppliers)[number], (typeof suppliers)[number]];
    await publish(Topic.CapabilitiesUpdated, CapabilitiesUpdatedSchema, x1.organisationId, {
      organisationId: x1.organisationId,
      siteId: x1.siteId,
      capabilities: [{ processCode: servedProcess }],
    });
    const tenderId = randomUUID();
    const [lotA, lotB, lot1, lot2, lot3] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const published = await publish(Topic.TenderPublished, TenderPublishedSchema, tenderId, {
      tenderId,
      buyerOrganisationId: randomUUID(),
      title: 'Secret Name of a call',
      lots: [
        { lotId: lotA, number: 1, requiredProcesses: [gapProcess, servedProcess], deliveryCommuneInsee: A!.code },
        { lotId: lotB, number: 2, requiredProcesses: [gapProcess], deliveryCommuneInsee: B!.code },
      ],
    });
    // Awards: x1 and x2 alone; x3 and x4 as a consortium, 70/30 on its lot. A signed contract replaces x1's award.
    const awardedTender = randomUUID();
    const consortiumId = randomUUID();
    await publish(Topic.ConsortiumFormed, ConsortiumFormedSchema, consortiumId, {
      consortiumId,
      tenderId: awardedTender,
      leadOrganisationId: x3.organisationId,
      memberOrganisationIds: [x3.organisationId, x4.organisationId],
      shares: [
        { organisationId: x3.organisationId, lotId: lot3, sharePercent: 70 },
        { organisationId: x4.organisationId, lotId: lot3, sharePercent: 30 },
      ],
    });
    const award = (lotId: string, members: string[], value: number) =>
      publish(Topic.LotAwarded, LotAwardedSchema, awardedTender, {
        tenderId: awardedTender,
        lotId,
        winningBidId: randomUUID(),
        winnerOrganisationId: members[0]!,
        memberOrganisationIds: members,
        awardedValueEur: value,
      });
    const firstAward = await award(lot1, [x1.organisationId], 40_000);
    await award(lot2, [x2.organisationId], 35_000);
    await award(lot3, [x3.organisationId, x4.organisationId], 50_000);
    await publish(Topic.ContractSigned, ContractSignedSchema, awardedTender, {
      contractId: randomUUID(),
      tenderId: awardedTender,
      lotId: lot1,
      supplierOrganisationId: x1.organisationId,
      memberOrganisationIds: [x1.organisationId],
      valueEur: 45_000,
    });
    for (const [i, pallets] of [6, 7, 8].entries()) {
      await publish(Topic.ShipmentDelivered, ShipmentDeliveredSchema, randomUUID(), {
        shipmentId: randomUUID(),
        shipperOrganisationId: randomUUID(),
        pickup: { communeInsee: A!.code },
        dropoff: { communeInsee: B!.code },
        quantities: { pallets, crates: i === 0 ? 4 : 0 },
      });
    }

    // Open calls: public, exact, once per area; the value awarded: 45 000 + 35 000 + 50 000 on the 5 000 step.
    await eventually('1 open tender in the EPCI', async () => ((await feature('epci', 'open_tenders', EPCI))?.value === 1 ? true : undefined), { timeoutMs: 60_000 });
    await eventually('130 000 EUR awarded locally in commune C', async () => ((await feature('commune', 'awarded_value_local_eur', C!.code, eve))?.value === 130_000 ? true : undefined), { timeoutMs: 60_000 });
    expect(await feature('commune', 'open_tenders', A!.code)).toMatchObject({ value: 1, withheld: false });
    expect(await feature('commune', 'open_tenders', B!.code)).toMatchObject({ value: 1, withheld: false });
    expect(await feature('epci', 'tender_gaps', EPCI)).toMatchObject({ value: 1, withheld: false });
    // One consortium of two members: a business statistic with fewer than 3 organisations.
    expect(await feature('commune', 'consortia_formed', C!.code)).toMatchObject({ value: null, withheld: true, withheldReason: 'fewer-than-3' });
    // 6 + 4, 7, 8: 25 pallets and crates, on the count step.
    await eventually('25 pallets and crates pooled in commune A', async () => ((await feature('commune', 'pallets_crates_pooled', A!.code))?.value === 25 ? true : undefined));
    // The value awarded is the authority's and operator's: refused to anyone else, naming the field.
    const refused = await get('/atlas/geojson/commune?indicator=awarded_value_local_eur');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ field: 'indicator' });
    const gql = await graphql(url, `{ atlasValues(level: "commune", indicator: "awarded_value_local_eur") { code value } }`);
    expect(gql.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // The gaps: the process nobody of the EPCI declares, asked by both lots; not the one x1 declares.
    const gapsOf = async () =>
      (await graphql<{ atlasArea: { gaps: { processCode: string; label: string; lots: number; tenders: number; departementSupplier: boolean }[] } }>(
        url,
        `query($c: String!) { atlasArea(level: "epci", code: $c) { gaps { processCode label lots tenders departementSupplier } } }`,
        { c: EPCI },
      )).data!.atlasArea.gaps.filter((g) => g.processCode.startsWith('test-'));
    expect(await gapsOf()).toEqual([{ processCode: gapProcess, label: gapProcess, lots: 2, tenders: 1, departementSupplier: false }]);
    const area = (await (await get(`/atlas/areas/commune/${B!.code}`)).json()) as { gaps: { processCode: string }[]; indicators: Record<string, unknown> };
    expect(area.gaps.map((g) => g.processCode)).toContain(gapProcess);
    expect(Object.keys(area.indicators)).toEqual(expect.arrayContaining(['open_tenders', 'tender_gaps', 'consortia_formed', 'pallets_crates_pooled']));
    expect(Object.keys(area.indicators)).not.toContain('awarded_value_local_eur');
    const csv = await (await get(`/atlas/export.csv?level=commune&indicator=open_tenders&within=epci:${EPCI}`)).text();
    expect(csv.split('\r\n').find((l) => l.startsWith(`${A!.code},`))!.split(',').slice(-2)).toEqual(['1', 'false']);
    for (const path of ['/atlas/geojson/commune?indicator=open_tenders', `/atlas/areas/epci/${EPCI}`, `/atlas/export.csv?level=commune&indicator=awarded_value_local_eur`]) {
      const text = await (await get(path, eve)).text();
      expect(text).not.toMatch(/Secret Name/);
      for (const id of [tenderId, ...suppliers.map((x) => x.organisationId)]) expect(text).not.toContain(id);
    }

    // A redelivered award (same event id) is applied once: one inbox row, the signed contract's figure kept.
    const duplicate = sent.get(firstAward)!;
    await bus.publish([duplicate, duplicate]);
    const redelivered = sent.get(published)!;
    await bus.publish([redelivered]);
    // The call closes: no longer open, no gap left. Same key as the call, so after its redelivery.
    await publish(Topic.TenderClosed, TenderClosedSchema, tenderId, { tenderId, bidCount: 0 });
    await eventually('no open tender left in the EPCI', async () => ((await feature('epci', 'open_tenders', EPCI))?.value === 0 ? true : undefined), { timeoutMs: 60_000 });
    expect(await gapsOf()).toEqual([]);
    for (const id of [firstAward, published]) {
      const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM inbox_message WHERE event_id = $1`, [id]);
      expect(n).toBe(1);
    }
    expect(await feature('commune', 'awarded_value_local_eur', C!.code, eve)).toMatchObject({ value: 130_000, withheld: false });
  });
});
