import { territory } from '@rim/territory';
import { accessToken, ALICE_ORG, openEventStream, eventually } from '@rim/testing';
import { gql, startPlatform, type Platform } from './support/platform';

/**
 * Issue 12, item 6 ("Live"): an organisation registered through the gateway, by the directory,
 * reaches the atlas over the real Kafka and moves its published value, announced on the SSE
 * stream, within seconds; and the atlas's GraphQL fields through the gateway keep the non-public
 * indicators to the authority and operator roles.
 */
const REGISTER = `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`;
const ADD_SITE = `mutation($org: ID!, $input: AddSiteInput!) { addSite(organisationId: $org, input: $input) { id communeInsee } }`;

// A commune of its own for this run, away from the other suites' Grenoble and Lyon, so that the
// shared broker's other traffic does not touch the cell it watches.
const t = territory();
const far = t.communes().filter((c) => ['03', '15', '43'].includes(c.departement));
const COMMUNE = far[Math.floor(Math.random() * far.length)]!;

describe('atlas live through the gateway (e2e, issue 12)', () => {
  let platform: Platform;
  let atlas: string;

  beforeAll(async () => {
    platform = await startPlatform('atlas_e2e');
    atlas = platform.subgraphUrl('atlas').replace(/\/graphql$/, '');
  }, 240_000);

  afterAll(() => platform?.stop());

  it('moves the map within seconds of an organisation registered through the directory, and says so on the stream', async () => {
    const alice = await accessToken('alice');
    const cell = async () => {
      const body = (await (await fetch(`${atlas}/atlas/geojson/commune?indicator=sites&within=departement:${COMMUNE.departement}`)).json()) as {
        features: { id: string; properties: { value: number | null; withheld: boolean } }[];
      };
      return body.features.find((f) => f.id === COMMUNE.code)!.properties;
    };
    expect(await cell()).toMatchObject({ value: 0, withheld: false });
    const stream = await openEventStream(`${atlas}/atlas/stream`);
    expect(stream.type).toMatch(/^text\/event-stream/);
    try {
      const registered = await gql(platform.gatewayUrl, REGISTER, { input: { siren: '380123455', legalName: 'Forges du Cantal', nafCode: '25.62B', sizeBand: 'SMALL', tier: 2 } }, { token: alice });
      expect(registered.json?.errors).toBeUndefined();
      const started = Date.now();
      const site = await gql(
        platform.gatewayUrl,
        ADD_SITE,
        {
          org: ALICE_ORG,
          input: { siret: '38012345500012', name: 'Atelier', addressLine: '1 place de la Mairie', postcode: '00000', communeInsee: COMMUNE.code, latitude: COMMUNE.centre[1], longitude: COMMUNE.centre[0] },
        },
        { token: alice },
      );
      expect(site.json?.errors).toBeUndefined();
      const event = await eventually('the sites indicator of the commune on the stream', () =>
        stream.events.find((e) => e.data['level'] === 'commune' && e.data['code'] === COMMUNE.code && e.data['indicator'] === 'sites'),
      { timeoutMs: 10_000, everyMs: 100, onTimeout: 'return-last' });
      // One site of one organisation: the cell now exists, withheld as the secrecy rule says.
      expect(event).toMatchObject({ event: 'indicator', data: { value: null, withheld: true } });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await cell()).toMatchObject({ value: null, withheld: true, withheldReason: 'fewer-than-3' });
    } finally {
      stream.close();
    }
  });

  it('serves the atlas fields through the gateway, non-public indicators to eve and oscar only', async () => {
    const query = `query($w: String) { atlasValues(level: "commune", indicator: "spare_capacity_hours", within: $w) { code value withheld } }`;
    const variables = { w: `departement:${COMMUNE.departement}` };
    for (const user of ['eve', 'oscar']) {
      const r = await gql(platform.gatewayUrl, query, variables, { token: await accessToken(user) });
      expect(r.json?.errors).toBeUndefined();
      expect((r.json?.data?.['atlasValues'] as unknown[]).length).toBe(far.filter((c) => c.departement === COMMUNE.departement).length);
    }
    for (const token of [undefined, await accessToken('alice')]) {
      const r = await gql(platform.gatewayUrl, query, variables, { token });
      expect(r.json?.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    }
    const open = await gql(platform.gatewayUrl, `{ atlasIndicators { key public } }`);
    expect(open.json?.errors).toBeUndefined();
    expect((open.json?.data?.['atlasIndicators'] as { public: boolean }[]).every((i) => i.public)).toBe(true);
  });
});
