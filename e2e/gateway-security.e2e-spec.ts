import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { accessToken, ALICE_ORG, DAN_ORG, required } from '@rim/testing';
import { gql, post, STACK_TRACE, startPlatform, type ExtraGateway, type HttpResult, type Platform } from './support/platform';

/**
 * The gateway's guarantees, each next to its positive control (the same request, valid, passes),
 * so that every test can fail: refusal of bad tokens at the edge and again at the subgraph,
 * abuse limits, and what production mode hides.
 */

const PUBLIC_QUERY = '{ organisations(first: 1) { hasNextPage } }';
const DEAD_SUBGRAPH = 'http://127.0.0.1:9/graphql';
// Shifted like PLATFORM_PORTS (scripts/lib/service-launcher.ts), so two runs on one machine do not collide.
const PORT_SHIFT = Number(process.env.TEST_PORT_SHIFT ?? 0);
const PRODUCTION_GATEWAY_PORT = 4410 + PORT_SHIFT;
const SHALLOW_GATEWAY_PORT = 4411 + PORT_SHIFT;
const REGISTER = `mutation Register($input: RegisterOrganisationInput!) {
  registerOrganisation(input: $input) { id }
}`;
const ALICE_INPUT = { siren: '732829320', legalName: "Forges de l'Isère", nafCode: '25.50A', sizeBand: 'SMALL', tier: 2 };

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** `{ ...on Query { ...on Query { ... organisations(first: 1) { edges { cursor } } } } }`: depth 3 + fragments. */
function nestedFragments(fragments: number): string {
  return `{ ${'...on Query { '.repeat(fragments)}organisations(first: 1) { edges { cursor } }${' }'.repeat(fragments)} }`;
}
// Real depth 6 (organisations > edges > node > sites > capabilities > processCode), as Relay composes it.
const SIX_THROUGH_FRAGMENTS = `
  fragment Page on Query { organisations(first: 1) { ...Edges } }
  fragment Edges on OrganisationConnection { edges { node { ...Sites } } }
  fragment Sites on Organisation { sites { capabilities { processCode } } }
  { ...Page }`;
// Real fields: graphql-armor allow-lists `__typename` aliases (resolved by the gateway, harmless).
const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: organisations(first: 1) { hasNextPage }`).join(' ')} }`;

function expectNoLeak(result: HttpResult): void {
  expect(result.status).not.toBe(500);
  expect(result.text).not.toMatch(STACK_TRACE);
}

describe('gateway security (e2e)', () => {
  let platform: Platform;
  let gateway: string;
  let production: ExtraGateway;
  let shallow: ExtraGateway;
  const tokens: Record<string, string> = {};
  let aliceToken: string;

  beforeAll(async () => {
    const issuer = required('OIDC_ISSUER');
    // The short-lived token is fetched first and ages while the platform boots.
    const shortLived = await accessToken('alice', 'marketplace-tests-short');
    platform = await startPlatform('gw_e2e');
    gateway = platform.gatewayUrl;
    [production, shallow] = await Promise.all([
      // Both extra gateways see a logistics subgraph that does not answer: the internal failure
      // whose details must be masked.
      platform.extraGateway(PRODUCTION_GATEWAY_PORT, { NODE_ENV: 'production', LOGISTICS_URL: DEAD_SUBGRAPH }),
      platform.extraGateway(SHALLOW_GATEWAY_PORT, { MAX_DEPTH: '5', LOGISTICS_URL: DEAD_SUBGRAPH }),
    ]);

    aliceToken = await accessToken('alice');
    const [header, payload, signature] = aliceToken.split('.');
    const claims = claimsOf(aliceToken);

    tokens.wrongAudience = await accessToken('alice', 'marketplace-other');
    // Tampered: the payload now claims dan's organisation; the signature is alice's original.
    tokens.tampered = `${header}.${b64({ ...claims, org_id: DAN_ORG })}.${signature}`;
    tokens.algNone = `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    // Right audience, subject, roles and expiry, but signed by our own key and issued by another realm.
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const kid = (await exportJWK(publicKey)).kid ?? 'e2e-foreign-key';
    tokens.foreignIssuer = await new SignJWT({ ...claims, iss: issuer.replace(/marketplace$/, 'other') })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
      .sign(privateKey);
    tokens.malformed = 'not-a-jwt';

    // Keycloak set exp = iat + 2 s; the verifier allows 5 s of clock skew: wait until both have passed.
    const { exp } = claimsOf(shortLived);
    await sleep(exp * 1000 + 6_500 - Date.now());
    tokens.expired = shortLived;
  }, 240_000);

  afterAll(async () => {
    await platform?.stop();
  });

  describe('refusals at the edge', () => {
    it('positive control: the same request with a valid token passes', async () => {
      const result = await gql(gateway, PUBLIC_QUERY, {}, { token: aliceToken });
      expect(result.status).toBe(200);
      expect(result.json?.errors).toBeUndefined();
      expect(result.json?.data?.organisations).toEqual({ hasNextPage: false });
    });

    it.each([
      ['an expired token (marketplace-tests-short, 2 s)', 'TOKEN_EXPIRED', 'expired'],
      ['a token for another audience (marketplace-other)', 'TOKEN_WRONG_AUDIENCE', 'wrongAudience'],
      ['a tampered token (payload changed, signature kept)', 'TOKEN_INVALID_SIGNATURE', 'tampered'],
      ['an alg:none token', 'TOKEN_ALGORITHM_REFUSED', 'algNone'],
      // jose resolves the signing key before it looks at any claim: a key the realm does not publish
      // is refused as such, whatever the issuer says. TOKEN_WRONG_ISSUER needs a token the realm's
      // own key signed with another iss, which only Keycloak can make (covered by token-verifier.spec.ts).
      ['a token of another realm, signed by a key the realm does not publish', 'TOKEN_INVALID_SIGNATURE', 'foreignIssuer'],
      ['something that is not a JWT', 'TOKEN_MALFORMED', 'malformed'],
    ])('refuses %s with HTTP 401, UNAUTHENTICATED and reason %s', async (_what, reason, key) => {
      const result = await gql(gateway, PUBLIC_QUERY, {}, { token: tokens[key] });
      expect(result.status).toBe(401);
      expect(result.json?.data ?? null).toBeNull();
      expect(result.json?.errors).toHaveLength(1);
      expect(result.json?.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason });
      expect(result.json?.errors?.[0]?.extensions?.http).toBeUndefined();
      expectNoLeak(result);
    });

    it('the expired token was valid when it was issued (so the refusal is about time)', () => {
      const { iat, exp } = claimsOf(tokens.expired);
      expect(exp - iat).toBeLessThanOrEqual(5);
      expect(Date.now() / 1000).toBeGreaterThan(exp + 5);
    });
  });

  describe('a subgraph reached directly is not open', () => {
    it.each([
      ['TOKEN_EXPIRED', 'expired'],
      ['TOKEN_WRONG_AUDIENCE', 'wrongAudience'],
      ['TOKEN_INVALID_SIGNATURE', 'tampered'],
      ['TOKEN_ALGORITHM_REFUSED', 'algNone'],
      ['TOKEN_INVALID_SIGNATURE', 'foreignIssuer'],
    ])('the directory refuses a mutation with reason %s (%s token), and writes nothing', async (reason, key) => {
      const result = await gql(platform.directoryUrl, REGISTER, { input: ALICE_INPUT }, { token: tokens[key] });
      expect(result.json?.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason });
      expect(result.json?.data?.registerOrganisation ?? null).toBeNull();
      expectNoLeak(result);
      expect(await platform.directoryQuery('SELECT id FROM organisation')).toEqual([]);
    });

    it('positive control: the same mutation with a valid token, sent directly, goes through', async () => {
      const result = await gql(platform.directoryUrl, REGISTER, { input: ALICE_INPUT }, { token: aliceToken });
      expect(result.json?.errors).toBeUndefined();
      expect(result.json?.data?.registerOrganisation).toEqual({ id: ALICE_ORG });
      expect(await platform.directoryQuery('SELECT id FROM organisation')).toEqual([{ id: ALICE_ORG }]);
    });
  });

  describe('abuse limits', () => {
    it('counts fields, not fragments: twelve nested inline fragments around a depth-3 selection pass the limit of 10', async () => {
      const result = await gql(gateway, nestedFragments(12));
      expect(result.status).toBe(200);
      expect(result.json?.errors).toBeUndefined();
      expect(result.json?.data?.organisations).toBeDefined();
    });

    it('a real depth-6 query built of three nested named fragments passes the default gateway (issue 14)', async () => {
      const result = await gql(gateway, SIX_THROUGH_FRAGMENTS);
      expect(result.status).toBe(200);
      expect(result.json?.errors).toBeUndefined();
      expect(result.json?.data?.organisations).toEqual({ edges: expect.any(Array) });
    });

    it('with MAX_DEPTH=5, refuses the same real depth 6 through fragments (without "Syntax Error") and passes depth 5', async () => {
      const depth5 = await gql(shallow.url, '{ organisations(first: 1) { edges { node { sites { id } } } } }');
      expect(depth5.status).toBe(200);
      expect(depth5.json?.errors).toBeUndefined();

      const depth6 = await gql(shallow.url, SIX_THROUGH_FRAGMENTS);
      expect(depth6.status).toBe(400);
      expect(depth6.json?.data ?? null).toBeNull();
      expect(depth6.json?.errors?.[0]).toMatchObject({
        message: 'Query depth limit of 5 exceeded, found 6.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth' },
      });
      expectNoLeak(depth6);
    });

    it('refuses first: 100000 by cost, naming the argument and the field, not as a syntax error; first: 10 passes', async () => {
      const ten = await gql(gateway, '{ organisations(first: 10) { hasNextPage } }');
      expect(ten.status).toBe(200);
      expect(ten.json?.errors).toBeUndefined();

      const huge = await gql(gateway, '{ organisations(first: 100000) { hasNextPage } }');
      expect(huge.status).toBe(400);
      const [error] = huge.json?.errors ?? [];
      expect(error.message).not.toMatch(/syntax error/i);
      expect(error.message).toMatch(/^Query Cost limit of 5000 exceeded, found \d+\. The largest list asked for is first: 100000 on field "organisations"/);
      expect(error.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost', field: 'organisations', argument: 'first' });
      expectNoLeak(huge);
    });

    it('refuses 20 aliases and passes 15', async () => {
      const fifteen = await gql(gateway, aliases(15));
      expect(fifteen.status).toBe(200);
      expect(fifteen.json?.errors).toBeUndefined();
      expect(Object.keys(fifteen.json?.data ?? {})).toHaveLength(15);

      const twenty = await gql(gateway, aliases(20));
      expect(twenty.status).toBe(400);
      expect(twenty.json?.data ?? null).toBeNull();
      expect(twenty.json?.errors?.[0]).toMatchObject({
        message: 'Aliases limit of 15 exceeded, found 20.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'aliases' },
      });
      expectNoLeak(twenty);
    });

    it('refuses a batched request (JSON array body); a single operation passes', async () => {
      const single = await post(gateway, { query: '{ __typename }' });
      expect(single.status).toBe(200);
      expect(single.json?.data).toEqual({ __typename: 'Query' });

      const batch = await post(gateway, [{ query: '{ __typename }' }, { query: '{ __typename }' }]);
      expect(batch.status).toBe(400);
      expect(batch.text).toMatch(/batching/i);
      expect(batch.text).not.toContain('"__typename"');
      expectNoLeak(batch);
    });

    it('refuses a body over 100kb with 413 and a clear message; 90kb passes', async () => {
      const body = (padding: number) => ({ query: '{ __typename }', variables: { padding: 'x'.repeat(padding) } });
      const small = await post(gateway, body(90_000));
      expect(small.status).toBe(200);
      expect(small.json?.data).toEqual({ __typename: 'Query' });

      const large = await post(gateway, body(110_000));
      expect(large.status).toBe(413);
      expect(large.json?.errors?.[0]).toMatchObject({
        message: 'request body larger than 100kb',
        extensions: { code: 'BAD_REQUEST' },
      });
      expectNoLeak(large);

      const malformed = await post(gateway, '{"query": "{ __typename');
      expect(malformed.status).toBe(400);
      expect(malformed.json?.errors?.[0]).toMatchObject({ message: 'malformed request body', extensions: { code: 'BAD_REQUEST' } });
    });
  });

  describe('variables are coerced at the edge: a mistake in them is the caller\'s (400, BAD_USER_INPUT, the field)', () => {
    it.each([
      ['a wrong enum value', { ...ALICE_INPUT, sizeBand: 'HUGE' }, 'input.sizeBand', /"HUGE" does not exist in "SizeBand" enum/],
      ['a wrong type', { ...ALICE_INPUT, tier: 'abc' }, 'input.tier', /Int cannot represent non-integer value: "abc"/],
      ['a missing required field', { siren: '732829320', nafCode: '25.50A', sizeBand: 'SMALL', tier: 2 }, 'input.legalName', /was not provided/],
    ])('%s in variables', async (_what, input, field, reason) => {
      const before = await platform.directoryQuery('SELECT count(*)::int AS n FROM organisation');
      const result = await gql(gateway, REGISTER, { input }, { token: aliceToken });
      expect(result.status).toBe(400);
      expect(result.json?.data ?? null).toBeNull();
      expect(result.json?.errors).toHaveLength(1);
      expect(result.json?.errors?.[0]?.message).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
      expect(result.json?.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field, reason: expect.stringMatching(reason) }] });
      expectNoLeak(result);
      expect(await platform.directoryQuery('SELECT count(*)::int AS n FROM organisation')).toEqual(before);
    });

    it('a missing required variable', async () => {
      const result = await gql(gateway, REGISTER, {}, { token: aliceToken });
      expect(result.status).toBe(400);
      expect(result.json?.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input' }] });
    });

    it('the same wrong enum written inline is a validation error (400), as it was', async () => {
      const inline = await gql(
        gateway,
        'mutation { registerOrganisation(input: { siren: "732829320", legalName: "x", nafCode: "25.50A", sizeBand: HUGE, tier: 2 }) { id } }',
        {},
        { token: aliceToken },
      );
      expect(inline.status).toBe(400);
      expect(inline.json?.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });
  });

  describe('production mode (NODE_ENV=production, port 4410 + TEST_PORT_SHIFT)', () => {
    const INTROSPECTION = '{ __schema { queryType { name } types { name } } }';
    const MISSPELLED = '{ organisatons(first: 1) { hasNextPage } }';
    // The logistics subgraph of these gateways is unreachable.
    const UNREACHABLE = '{ trip(id: "8a1f0c52-33f4-4d9e-9a57-6f0e2b1c9d40") { id } }';

    it('positive control: an ordinary query passes', async () => {
      const result = await gql(production.url, PUBLIC_QUERY, {}, { token: aliceToken });
      expect(result.status).toBe(200);
      expect(result.json?.errors).toBeUndefined();
    });

    it('refuses introspection (the test-mode gateway allows it)', async () => {
      const dev = await gql(gateway, INTROSPECTION);
      expect(dev.json?.errors).toBeUndefined();
      expect(dev.json?.data?.__schema.queryType.name).toBe('Query');

      const prod = await gql(production.url, INTROSPECTION);
      expect(prod.status).toBe(400);
      expect(prod.json?.data ?? null).toBeNull();
      expect(prod.json?.errors?.[0]?.message).toMatch(/introspection has been disabled/i);
      expect(prod.text).not.toContain('organisations');
      expectNoLeak(prod);
    });

    it('gives no "Did you mean" suggestion for a misspelled field (the test-mode gateway does)', async () => {
      const dev = await gql(gateway, MISSPELLED);
      expect(dev.json?.errors?.[0]?.message).toMatch(/Did you mean "organisations"/);

      const prod = await gql(production.url, MISSPELLED);
      expect(prod.status).toBe(400);
      expect(prod.json?.errors).toBeDefined();
      expect(prod.text).not.toMatch(/did you mean/i);
      expect(prod.text).not.toMatch(/"organisations"/);
      expectNoLeak(prod);
    });

    it('/healthz answers 503 naming the subgraph that is down; /healthz/live 200; the default gateway 200', async () => {
      const health = async (graphqlUrl: string, path: string) => {
        const response = await fetch(graphqlUrl.replace(/\/graphql$/, path));
        return { status: response.status, body: await response.json() };
      };
      const down = await health(production.url, '/healthz');
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ status: 'down', components: { directory: 'up', logistics: 'down: unreachable' }, down: ['logistics: unreachable'] });
      expect(JSON.stringify(down.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
      expect(await health(production.url, '/healthz/live')).toEqual({ status: 200, body: { status: 'ok' } });
      const up = await health(gateway, '/healthz');
      expect(up.status).toBe(200);
      expect(up.body).toMatchObject({ status: 'ok', components: { directory: 'up', logistics: 'up' } });
    });

    it.each([
      ['production', () => production.url],
      ['test', () => shallow.url],
    ])('names a subgraph that is down (SERVICE_UNAVAILABLE, logistics), with nothing internal (%s gateway)', async (_mode, url) => {
      const result = await gql(url(), UNREACHABLE, {}, { token: aliceToken });
      expect(result.status).not.toBe(500);
      expect(result.json?.errors).toHaveLength(1);
      const error = result.json!.errors![0];
      expect(error.message).toBe('the logistics service is unavailable; try again later');
      expect(error.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', service: 'logistics' });
      expect(result.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|:9\b|fetch failed|internal error|SUBREQUEST/i);
      expectNoLeak(result);
      // Positive control: the same query on the default gateway, whose logistics answers, has no such error.
      const up = await gql(gateway, UNREACHABLE, {}, { token: aliceToken });
      expect(up.json?.errors?.[0]?.extensions?.code).not.toBe('SERVICE_UNAVAILABLE');
    });
  });
});
