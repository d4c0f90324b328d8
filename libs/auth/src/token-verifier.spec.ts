import {
  SignJWT,
  createLocalJWKSet,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  type CryptoKey,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';

import { AuthenticationError, type AuthenticationErrorCode } from './authentication.error';
import { TokenVerifier } from './token-verifier';

const ISSUER = 'http://127.0.0.1:8080/realms/marketplace';
const AUDIENCE = 'marketplace-api';
const ORG = '6f1c2d3e-0000-4000-8000-000000000001';

let privateKey: CryptoKey;
let publicKey: CryptoKey;
let otherPrivateKey: CryptoKey;
let jwks: JWTVerifyGetKey;
let verifier: TokenVerifier;

beforeAll(async () => {
  ({ privateKey, publicKey } = await generateKeyPair('RS256'));
  ({ privateKey: otherPrivateKey } = await generateKeyPair('RS256'));
  jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'realm-key', alg: 'RS256', use: 'sig' }] });
  verifier = new TokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks });
});

function claims(overrides: JWTPayload = {}): JWTPayload {
  return {
    typ: 'Bearer',
    preferred_username: 'alice',
    email: 'alice@example.test',
    org_id: ORG,
    realm_access: { roles: ['member', 'org-admin', 'offline_access', 'default-roles-marketplace'] },
    resource_access: { [AUDIENCE]: { roles: ['buyer'] }, 'some-other-client': { roles: ['operator'] } },
    ...overrides,
  };
}

async function sign(
  payload: JWTPayload = claims(),
  { key = privateKey, kid = 'realm-key', sub = 'user-1', iss = ISSUER, aud = AUDIENCE as string | string[], exp = '5m' as string | number } = {},
): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(iss)
    .setAudience(aud)
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(key);
}

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

async function failure(token: string | undefined, using: TokenVerifier = verifier): Promise<AuthenticationError> {
  const error: unknown = await using.verify(token).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthenticationError);
  const authError = error as AuthenticationError;
  if (token) expect(authError.message).not.toContain(token);
  return authError;
}

async function expectCode(token: string | undefined, code: AuthenticationErrorCode): Promise<AuthenticationError> {
  const error = await failure(token);
  expect(error.code).toBe(code);
  return error;
}

describe('TokenVerifier', () => {
  it('accepts a valid token and builds the principal with roles and organisation', async () => {
    const token = await sign();
    const principal = await verifier.verify(token);
    expect(principal.userId).toBe('user-1');
    expect(principal.username).toBe('alice');
    expect(principal.email).toBe('alice@example.test');
    expect(principal.organisationId).toBe(ORG);
    expect(principal.token).toBe(token);
    expect(principal.expiresAt.getTime()).toBeGreaterThan(Date.now());
    // offline_access / default-roles are unknown; 'operator' of another client does not count.
    expect([...principal.roles].sort()).toEqual(['buyer', 'member', 'org-admin']);
  });

  it('accepts an array audience containing the API', async () => {
    const principal = await verifier.verify(await sign(claims(), { aud: ['account', AUDIENCE] }));
    expect(principal.userId).toBe('user-1');
  });

  it('drops unknown roles and tolerates missing role claims and organisation', async () => {
    const principal = await verifier.verify(
      await sign({ realm_access: { roles: ['superuser', 42, 'carrier'] }, resource_access: 'nonsense' }),
    );
    expect([...principal.roles]).toEqual(['carrier']);
    expect(principal.organisationId).toBeNull();
    expect(principal.username).toBeUndefined();
  });

  it('refuses a missing token with TOKEN_MISSING', async () => {
    await expectCode(undefined, 'TOKEN_MISSING');
    await expectCode('', 'TOKEN_MISSING');
  });

  it('refuses an expired token with TOKEN_EXPIRED and says when it expired', async () => {
    const exp = Math.floor(Date.now() / 1000) - 60;
    const error = await expectCode(await sign(claims(), { exp }), 'TOKEN_EXPIRED');
    expect(error.message).toBe(`access token expired at ${new Date(exp * 1000).toISOString()}`);
  });

  it('accepts a token expired within the clock tolerance', async () => {
    const exp = Math.floor(Date.now() / 1000) - 2;
    await expect(verifier.verify(await sign(claims(), { exp }))).resolves.toBeDefined();
  });

  it('refuses another issuer with TOKEN_WRONG_ISSUER', async () => {
    const error = await expectCode(await sign(claims(), { iss: 'http://127.0.0.1:8080/realms/master' }), 'TOKEN_WRONG_ISSUER');
    expect(error.message).toContain('realms/master');
  });

  it('refuses another audience with TOKEN_WRONG_AUDIENCE', async () => {
    await expectCode(await sign(claims(), { aud: ['account', 'portal'] }), 'TOKEN_WRONG_AUDIENCE');
  });

  it('refuses alg none with TOKEN_ALGORITHM_REFUSED', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ...claims(), sub: 'user-1', iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 300 })}.`;
    const error = await expectCode(token, 'TOKEN_ALGORITHM_REFUSED');
    expect(error.message).toContain('"none"');
  });

  it('refuses HS256 signed with the public key bytes (algorithm confusion) with TOKEN_ALGORITHM_REFUSED', async () => {
    const secret = new TextEncoder().encode(await exportSPKI(publicKey));
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS256', kid: 'realm-key' })
      .setSubject('user-1')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(secret);
    await expectCode(token, 'TOKEN_ALGORITHM_REFUSED');
  });

  it('refuses a tampered payload with TOKEN_INVALID_SIGNATURE', async () => {
    const [header, payload, signature] = (await sign()).split('.') as [string, string, string];
    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString()) as JWTPayload;
    forged['realm_access'] = { roles: ['operator'] };
    await expectCode(`${header}.${b64url(forged)}.${signature}`, 'TOKEN_INVALID_SIGNATURE');
  });

  it('refuses a token with one payload character changed with TOKEN_INVALID_SIGNATURE', async () => {
    const [header, payload, signature] = (await sign()).split('.') as [string, string, string];
    const i = 10;
    const changed = payload.slice(0, i) + (payload[i] === 'A' ? 'B' : 'A') + payload.slice(i + 1);
    await expectCode(`${header}.${changed}.${signature}`, 'TOKEN_INVALID_SIGNATURE');
  });

  it('refuses a token signed by another key under the realm key id with TOKEN_INVALID_SIGNATURE', async () => {
    await expectCode(await sign(claims(), { key: otherPrivateKey }), 'TOKEN_INVALID_SIGNATURE');
  });

  it('refuses a token signed by an unknown key id with TOKEN_INVALID_SIGNATURE', async () => {
    const error = await expectCode(await sign(claims(), { key: otherPrivateKey, kid: 'attacker-key' }), 'TOKEN_INVALID_SIGNATURE');
    expect(error.message).toContain('"attacker-key"');
  });

  it('refuses a token without sub with TOKEN_MALFORMED', async () => {
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'RS256', kid: 'realm-key' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    const error = await expectCode(token, 'TOKEN_MALFORMED');
    expect(error.message).toContain('"sub"');
  });

  it('refuses a Keycloak ID token (typ ID) with TOKEN_MALFORMED', async () => {
    await expectCode(await sign(claims({ typ: 'ID' })), 'TOKEN_MALFORMED');
  });

  it('refuses garbage with TOKEN_MALFORMED', async () => {
    await expectCode('not-a-jwt', 'TOKEN_MALFORMED');
    await expectCode('a.b.c', 'TOKEN_MALFORMED');
  });

  it('reports an unreachable key source as JWKS_UNAVAILABLE', async () => {
    const offline = new TokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      jwks: () => Promise.reject(new TypeError('fetch failed')),
    });
    const error = await failure(await sign(), offline);
    expect(error.code).toBe('JWKS_UNAVAILABLE');
    expect(error.message).toContain(`${ISSUER}/protocol/openid-connect/certs`);
  });

  it('refuses to be configured with none or HMAC algorithms', () => {
    expect(() => new TokenVerifier({ issuer: ISSUER, audience: AUDIENCE, algorithms: ['none'] })).toThrow(/algorithms/);
    expect(() => new TokenVerifier({ issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256', 'HS256'] })).toThrow(/HS256/);
    expect(() => new TokenVerifier({ issuer: 'not a url', audience: AUDIENCE })).toThrow(/issuer/);
  });
});

describe('TokenVerifier, remembered tokens', () => {
  /** The realm's keys, counting how often jose had to look one up (once per full verification). */
  function countingJwks(): { getKey: JWTVerifyGetKey; lookups: () => number } {
    let lookups = 0;
    return {
      getKey: (header, token) => {
        lookups++;
        return jwks(header, token);
      },
      lookups: () => lookups,
    };
  }

  it('verifies a token sent again from memory, with the same principal', async () => {
    const keys = countingJwks();
    const cached = new TokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks: keys.getKey });
    const token = await sign();
    const first = await cached.verify(token);
    const again = await cached.verify(token);
    await cached.verify(token);
    expect(again).toEqual(first);
    expect(keys.lookups()).toBe(1);
  });

  it('verifies every time with the cache off (the control: the lookup count sees each verification)', async () => {
    const keys = countingJwks();
    const uncached = new TokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks: keys.getKey, cacheSize: 0 });
    const token = await sign();
    await uncached.verify(token);
    await uncached.verify(token);
    expect(keys.lookups()).toBe(2);
  });

  it('refuses a remembered token once it has expired', async () => {
    const cached = new TokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks, clockToleranceSeconds: 0 });
    const token = await sign(claims(), { exp: Math.floor(Date.now() / 1000) + 1 });
    await cached.verify(token);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await failure(token, cached)).code).toBe('TOKEN_EXPIRED');
  });

  it('checks a remembered token in full again after cacheMaxAgeMs', async () => {
    const keys = countingJwks();
    let now = Date.now();
    const cached = new TokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks: keys.getKey, cacheMaxAgeMs: 60_000, now: () => now });
    const token = await sign(claims(), { exp: '1h' });
    await cached.verify(token);
    now += 59_000;
    await cached.verify(token);
    expect(keys.lookups()).toBe(1);
    now += 2_000;
    await cached.verify(token);
    expect(keys.lookups()).toBe(2);
  });

  it('still refuses a copy of a remembered token with one payload character changed', async () => {
    const cached = new TokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks });
    const token = await sign();
    await cached.verify(token);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const changed = `${header}.${payload.slice(0, 10)}${payload[10] === 'A' ? 'B' : 'A'}${payload.slice(11)}.${signature}`;
    expect((await failure(changed, cached)).code).toBe('TOKEN_INVALID_SIGNATURE');
  });

  it('does not remember a failure: the same token passes once the keys are reachable', async () => {
    let reachable = false;
    const flaky = new TokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      jwks: (header, token) => (reachable ? jwks(header, token) : Promise.reject(new TypeError('fetch failed'))),
    });
    const token = await sign();
    expect((await failure(token, flaky)).code).toBe('JWKS_UNAVAILABLE');
    reachable = true;
    await expect(flaky.verify(token)).resolves.toMatchObject({ userId: 'user-1', organisationId: ORG });
  });
});
