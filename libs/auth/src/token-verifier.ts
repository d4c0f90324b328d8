import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  jwtVerify,
  type JWSAlgorithm,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { LRUCache } from 'lru-cache';

import { AuthenticationError } from './authentication.error';
import type { Principal } from './principal';
import { isRole, type Role } from './roles';

/**
 * How to verify the access tokens of a Keycloak realm.
 *
 * @example
 * ```ts
 * const options: TokenVerifierOptions = {
 *   issuer: 'http://127.0.0.1:8080/realms/marketplace',
 *   audience: 'marketplace-api',
 * };
 * ```
 */
export interface TokenVerifierOptions {
  /** Realm URL, exactly as in the `iss` claim. */
  issuer: string;
  /** Expected `aud` (a string `aud` or one entry of an array `aud`). */
  audience: string;
  /** Defaults to `<issuer>/protocol/openid-connect/certs`. */
  jwksUrl?: string;
  /** Accepted signature algorithms; default `['RS256']`. `none` and HMAC algorithms are refused. */
  algorithms?: string[];
  /** Allowed clock skew for `exp`/`nbf`; default 5 seconds. */
  clockToleranceSeconds?: number;
  /** Key resolver replacing the remote JWKS, for tests (`createLocalJWKSet(...)`). */
  jwks?: JWTVerifyGetKey;
  /** Claim holding the organisation id; default `org_id`. */
  organisationClaim?: string;
  /**
   * Clients whose `resource_access.<client>.roles` count as roles; default `[audience]`. Roles of
   * other clients are ignored so that a role named e.g. `operator` in an unrelated client grants
   * nothing here.
   */
  clientRoleSources?: string[];
  /**
   * Verified tokens remembered, by their exact text, so that a client sending the same token on
   * every request pays one signature check a minute rather than one a request (the gateway and the
   * subgraph each verify it; issue 16). Default 10 000; 0 turns the cache off.
   */
  cacheSize?: number;
  /**
   * How long a verified token is served from the cache, at most (never past its `exp`); default
   * 60 s. A signing key withdrawn from the realm stops being honoured within this time.
   */
  cacheMaxAgeMs?: number;
  /** Clock for the cache, for tests; default `Date.now`. jose reads the real clock. */
  now?: () => number;
}

const DEFAULT_ALGORITHMS = ['RS256'];
const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;
const DEFAULT_CACHE_SIZE = 10_000;
const DEFAULT_CACHE_MAX_AGE_MS = 60_000;

/** Marks a failure to obtain keys (network, timeout, bad JWKS) apart from a token's own fault. */
class KeySourceFailure extends Error {}

/**
 * Verifies Keycloak access tokens against the realm's JWKS with `jose` (issuer, audience, expiry,
 * algorithm, signature) and turns them into a {@link Principal}. Keys are fetched once, cached for
 * 10 minutes, and refetched (at most every 30 s) when a token names an unknown key id, so key
 * rotation works without restart.
 *
 * A verified token is remembered by its exact text for at most a minute and never past its expiry
 * (`cacheSize`, `cacheMaxAgeMs`): the same string was already proven genuine, so only the clock
 * can change the answer. Any other string, a single character changed included, is verified in
 * full; failures are never remembered.
 *
 * Every failure is an {@link AuthenticationError} with a stable code. A token with `alg: none`
 * (or any algorithm outside `algorithms`, e.g. HS256) fails with `TOKEN_ALGORITHM_REFUSED`.
 *
 * @example
 * ```ts
 * const verifier = new TokenVerifier({
 *   issuer: 'http://127.0.0.1:8080/realms/marketplace',
 *   audience: 'marketplace-api',
 * });
 * const principal = await verifier.verify(token);
 * principal.roles.has('buyer');
 * ```
 */
export class TokenVerifier {
  private readonly issuer: string;
  private readonly audience: string;
  private readonly jwksUrl: string;
  private readonly algorithms: JWSAlgorithm[];
  private readonly clockToleranceSeconds: number;
  private readonly getKey: JWTVerifyGetKey;
  private readonly organisationClaim: string;
  private readonly clientRoleSources: readonly string[];
  private readonly verified: LRUCache<string, Principal> | null;
  private readonly now: () => number;

  constructor(options: TokenVerifierOptions) {
    if (!options.issuer || !URL.canParse(options.issuer)) {
      throw new Error(`auth: issuer must be the realm URL, got ${JSON.stringify(options.issuer)}`);
    }
    if (!options.audience) throw new Error('auth: audience must be a non-empty string');
    const algorithms = options.algorithms ?? DEFAULT_ALGORITHMS;
    const unsafe = algorithms.filter((alg) => alg.toLowerCase() === 'none' || /^HS/i.test(alg));
    if (algorithms.length === 0 || unsafe.length > 0) {
      // Symmetric algorithms against a public JWKS are the classic algorithm-confusion hole.
      throw new Error(`auth: algorithms must be asymmetric and non-empty, refused ${unsafe.join(', ')}`);
    }
    this.issuer = options.issuer;
    this.audience = options.audience;
    this.jwksUrl = options.jwksUrl ?? `${options.issuer.replace(/\/+$/, '')}/protocol/openid-connect/certs`;
    this.algorithms = algorithms as JWSAlgorithm[];
    this.clockToleranceSeconds = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
    this.organisationClaim = options.organisationClaim ?? 'org_id';
    this.clientRoleSources = options.clientRoleSources ?? [options.audience];
    this.now = options.now ?? Date.now;
    const cacheSize = options.cacheSize ?? DEFAULT_CACHE_SIZE;
    this.verified =
      cacheSize > 0
        ? new LRUCache<string, Principal>({
            max: cacheSize,
            ttl: options.cacheMaxAgeMs ?? DEFAULT_CACHE_MAX_AGE_MS,
            ttlAutopurge: false,
            // Read the clock on every lookup: the default caches it for 1 ms, past an expiry.
            ttlResolution: 0,
            perf: { now: this.now },
          })
        : null;
    const source =
      options.jwks ??
      createRemoteJWKSet(new URL(this.jwksUrl), {
        timeoutDuration: 5_000,
        cooldownDuration: 30_000,
        cacheMaxAge: 10 * 60_000,
      });
    this.getKey = async (header, token) => {
      try {
        return await source(header, token);
      } catch (error) {
        const code = joseCode(error);
        if (code === 'ERR_JWKS_NO_MATCHING_KEY' || code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') throw error;
        throw new KeySourceFailure('key source failed', { cause: error });
      }
    };
  }

  /**
   * Verifies `token` (the bare JWT, without `Bearer `) and returns its principal.
   * Rejects with an {@link AuthenticationError}.
   */
  async verify(token: string | null | undefined): Promise<Principal> {
    if (!token) throw new AuthenticationError('TOKEN_MISSING', 'no access token was sent');
    const remembered = this.verified?.get(token);
    if (remembered) {
      // The expiry check jose would make, with the same tolerance; the rest cannot have changed.
      if (this.now() < remembered.expiresAt.getTime() + this.clockToleranceSeconds * 1000) return remembered;
      this.verified?.delete(token);
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.getKey, {
        issuer: this.issuer,
        audience: this.audience,
        algorithms: this.algorithms,
        clockTolerance: this.clockToleranceSeconds,
        requiredClaims: ['exp', 'iat', 'sub'],
      }));
    } catch (error) {
      throw this.translate(error, token);
    }
    const principal = this.toPrincipal(payload, token);
    this.verified?.set(token, principal);
    return principal;
  }

  private toPrincipal(payload: JWTPayload, token: string): Principal {
    if (typeof payload.sub !== 'string' || payload.sub === '') {
      throw new AuthenticationError('TOKEN_MALFORMED', 'access token has no subject ("sub")');
    }
    if (typeof payload.exp !== 'number') {
      throw new AuthenticationError('TOKEN_MALFORMED', 'access token has no numeric expiry ("exp")');
    }
    // Keycloak ID and refresh tokens are JWTs too; only access tokens (typ Bearer) are accepted.
    if (payload['typ'] !== undefined && payload['typ'] !== 'Bearer') {
      throw new AuthenticationError(
        'TOKEN_MALFORMED',
        `token of type ${JSON.stringify(payload['typ'])} is not an access token`,
      );
    }
    const organisation = payload[this.organisationClaim];
    const username = payload['preferred_username'];
    const email = payload['email'];
    return {
      userId: payload.sub,
      ...(typeof username === 'string' ? { username } : {}),
      ...(typeof email === 'string' ? { email } : {}),
      organisationId: typeof organisation === 'string' && organisation !== '' ? organisation : null,
      roles: this.rolesOf(payload),
      token,
      expiresAt: new Date(payload.exp * 1000),
    };
  }

  private rolesOf(payload: JWTPayload): Set<Role> {
    const roles = new Set<Role>();
    const add = (holder: unknown): void => {
      const values = isObject(holder) ? holder['roles'] : undefined;
      if (Array.isArray(values)) for (const value of values) if (isRole(value)) roles.add(value);
    };
    add(payload['realm_access']);
    const resourceAccess = payload['resource_access'];
    if (isObject(resourceAccess)) {
      for (const client of this.clientRoleSources) {
        if (Object.hasOwn(resourceAccess, client)) add(resourceAccess[client]);
      }
    }
    return roles;
  }

  private translate(error: unknown, token: string): AuthenticationError {
    if (error instanceof AuthenticationError) return error;
    if (error instanceof KeySourceFailure) {
      const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
      return new AuthenticationError(
        'JWKS_UNAVAILABLE',
        `cannot obtain the realm's signing keys from ${this.jwksUrl}: ${cause}`,
        { cause: error.cause },
      );
    }
    const failure = error as { claim?: unknown; payload?: JWTPayload; message?: unknown };
    switch (joseCode(error)) {
      case 'ERR_JWT_EXPIRED': {
        const exp = failure.payload?.exp;
        return new AuthenticationError(
          'TOKEN_EXPIRED',
          typeof exp === 'number' ? `access token expired at ${new Date(exp * 1000).toISOString()}` : 'access token expired',
        );
      }
      case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
        if (failure.claim === 'iss') {
          return new AuthenticationError(
            'TOKEN_WRONG_ISSUER',
            `access token was issued by ${describe(failure.payload?.iss)}, expected "${this.issuer}"`,
          );
        }
        if (failure.claim === 'aud') {
          return new AuthenticationError(
            'TOKEN_WRONG_AUDIENCE',
            `access token is meant for ${describe(failure.payload?.aud)}, expected "${this.audience}"`,
          );
        }
        if (failure.claim === 'nbf') {
          const nbf = failure.payload?.nbf;
          return new AuthenticationError(
            'TOKEN_MALFORMED',
            typeof nbf === 'number' ? `access token is not valid before ${new Date(nbf * 1000).toISOString()}` : 'access token is not valid yet',
          );
        }
        return new AuthenticationError('TOKEN_MALFORMED', `access token is malformed: ${String(failure.message)}`);
      case 'ERR_JOSE_ALG_NOT_ALLOWED':
        return new AuthenticationError(
          'TOKEN_ALGORITHM_REFUSED',
          `access token algorithm ${describe(algorithmOf(token))} is refused; accepted: ${this.algorithms.join(', ')}`,
        );
      case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
        return new AuthenticationError(
          'TOKEN_INVALID_SIGNATURE',
          "access token signature does not match the realm's signing key",
        );
      case 'ERR_JWKS_NO_MATCHING_KEY':
      case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
        return new AuthenticationError(
          'TOKEN_INVALID_SIGNATURE',
          `access token was signed with key ${describe(keyIdOf(token))}, which the realm does not publish`,
        );
      case 'ERR_JWS_INVALID':
      case 'ERR_JWT_INVALID':
      case 'ERR_JOSE_NOT_SUPPORTED':
      case 'ERR_JWK_INVALID':
        return new AuthenticationError('TOKEN_MALFORMED', `access token is malformed: ${String(failure.message)}`);
      default:
        // jose validates its inputs with TypeErrors (e.g. a non-string token); none of them carry the token.
        return new AuthenticationError('TOKEN_MALFORMED', 'access token is malformed');
    }
  }
}

function joseCode(error: unknown): string | undefined {
  // Compare codes, not classes: jose may be loaded twice (ESM and a test transform).
  const code = isObject(error) ? error['code'] : undefined;
  return typeof code === 'string' ? code : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Quotes a value taken from the token for a message; bounded, since the token is untrusted input. */
function describe(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

function algorithmOf(token: string): unknown {
  try {
    return decodeProtectedHeader(token).alg;
  } catch {
    return undefined;
  }
}

function keyIdOf(token: string): unknown {
  try {
    return decodeProtectedHeader(token).kid;
  } catch {
    return undefined;
  }
}
