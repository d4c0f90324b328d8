import 'reflect-metadata';

import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { GraphQLError } from 'graphql';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type CryptoKey } from 'jose';

import { AuthErrorFilter } from './auth-error.filter';
import type { AuthenticatedRequest } from './auth-request';
import { CurrentPrincipal, Public, Roles } from './auth.decorators';
import { ForbiddenError } from './forbidden.error';
import { GqlAuthGuard } from './gql-auth.guard';
import type { Principal } from './principal';
import { TokenVerifier } from './token-verifier';

const ISSUER = 'http://127.0.0.1:8080/realms/marketplace';
const AUDIENCE = 'marketplace-api';

class SitesResolver {
  me(): void {}
  @Public() searchSites(): void {}
  @Roles('org-admin', 'operator') createSite(): void {}
  @Public() @Roles('operator') moderate(): void {}
  directory(): void {}
}
type Handler = keyof SitesResolver;

let privateKey: CryptoKey;
let verifier: TokenVerifier;
let guard: GqlAuthGuard;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' }] });
  verifier = new TokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks });
  guard = new GqlAuthGuard(new Reflector(), verifier, { publicOperations: ['Query.directory', 'GET /health'] });
});

async function bearer(roles: string[], exp: string | number = '5m'): Promise<string> {
  const token = await new SignJWT({ realm_access: { roles }, org_id: 'org-1' })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setSubject('user-1')
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(privateKey);
  return `Bearer ${token}`;
}

function gqlContext(handler: Handler, req: AuthenticatedRequest, parentType = 'Query'): ExecutionContext {
  const info = { parentType: { name: parentType }, fieldName: handler };
  const context = new ExecutionContextHost([{}, {}, { req }, info], SitesResolver, SitesResolver.prototype[handler]);
  context.setType('graphql');
  return context;
}

function httpContext(handler: Handler, req: AuthenticatedRequest): ExecutionContext {
  const context = new ExecutionContextHost([req, {}, () => undefined], SitesResolver, SitesResolver.prototype[handler]);
  context.setType('http');
  return context;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('GqlAuthGuard (GraphQL)', () => {
  it('refuses a missing Authorization header with UNAUTHENTICATED / TOKEN_MISSING', async () => {
    const error = await rejection(guard.canActivate(gqlContext('me', { headers: {} })));
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_MISSING' });
  });

  it('refuses an expired token with UNAUTHENTICATED / TOKEN_EXPIRED', async () => {
    const req = { headers: { authorization: await bearer(['member'], Math.floor(Date.now() / 1000) - 60) } };
    const error = (await rejection(guard.canActivate(gqlContext('me', req)))) as GraphQLError;
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' });
  });

  it('refuses a non-Bearer scheme with UNAUTHENTICATED / TOKEN_MALFORMED', async () => {
    const error = (await rejection(guard.canActivate(gqlContext('me', { headers: { authorization: 'Basic dTpw' } })))) as GraphQLError;
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_MALFORMED' });
  });

  it('accepts a valid token and attaches the principal to req.principal', async () => {
    const req: AuthenticatedRequest = { headers: { authorization: await bearer(['member']) } };
    await expect(guard.canActivate(gqlContext('me', req))).resolves.toBe(true);
    expect(req.principal?.userId).toBe('user-1');
    expect(req.principal?.organisationId).toBe('org-1');
  });

  it('verifies the token once per request, however many resolvers run', async () => {
    const verify = jest.spyOn(verifier, 'verify');
    const req: AuthenticatedRequest = { headers: { authorization: await bearer(['member']) } };
    await guard.canActivate(gqlContext('me', req));
    await guard.canActivate(gqlContext('me', req, 'Site'));
    expect(verify).toHaveBeenCalledTimes(1);
    verify.mockRestore();
  });

  it('lets @Public operations through without a token', async () => {
    const req: AuthenticatedRequest = { headers: {} };
    await expect(guard.canActivate(gqlContext('searchSites', req))).resolves.toBe(true);
    expect(req.principal).toBeUndefined();
  });

  it('lets @Public operations through with a broken token, anonymously', async () => {
    const req: AuthenticatedRequest = { headers: { authorization: 'Bearer x.y.z' } };
    await expect(guard.canActivate(gqlContext('searchSites', req))).resolves.toBe(true);
    expect(req.principal).toBeUndefined();
  });

  it('lets publicOperations through by Parent.field, not by operation name', async () => {
    await expect(guard.canActivate(gqlContext('directory', { headers: {} }))).resolves.toBe(true);
    await expect(rejection(guard.canActivate(gqlContext('directory', { headers: {} }, 'Mutation')))).resolves.toBeInstanceOf(GraphQLError);
  });

  it('refuses a @Roles mismatch with FORBIDDEN', async () => {
    const req = { headers: { authorization: await bearer(['member', 'buyer']) } };
    const error = (await rejection(guard.canActivate(gqlContext('createSite', req)))) as GraphQLError;
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.extensions).toEqual({ code: 'FORBIDDEN', reason: 'FORBIDDEN_MISSING_ROLE' });
    expect(error.message).toContain('org-admin, operator');
  });

  it('accepts any one of the @Roles', async () => {
    const req = { headers: { authorization: await bearer(['member', 'operator']) } };
    await expect(guard.canActivate(gqlContext('createSite', req))).resolves.toBe(true);
  });

  it('lets @Roles win over @Public', async () => {
    const error = (await rejection(guard.canActivate(gqlContext('moderate', { headers: {} })))) as GraphQLError;
    expect(error.extensions['code']).toBe('UNAUTHENTICATED');
  });
});

describe('GqlAuthGuard (HTTP)', () => {
  it('answers 401 without a token and 403 on a role mismatch', async () => {
    await expect(rejection(guard.canActivate(httpContext('me', { headers: {}, method: 'GET', path: '/me' })))).resolves.toBeInstanceOf(
      UnauthorizedException,
    );
    const req = { headers: { authorization: await bearer(['member']) }, method: 'POST', path: '/sites' };
    await expect(rejection(guard.canActivate(httpContext('createSite', req)))).resolves.toBeInstanceOf(ForbiddenException);
  });

  it('lets public HTTP routes from publicOperations through', async () => {
    await expect(guard.canActivate(httpContext('me', { headers: {}, method: 'GET', path: '/health' }))).resolves.toBe(true);
  });

  it('lets microservice (rpc) handlers through', async () => {
    const context = new ExecutionContextHost([{}, {}], SitesResolver, SitesResolver.prototype.me);
    context.setType('rpc');
    await expect(guard.canActivate(context)).resolves.toBe(true);
  });
});

describe('@CurrentPrincipal', () => {
  function factoryOf(): (data: unknown, context: ExecutionContext) => Principal | undefined {
    class Target {
      handle(@CurrentPrincipal() _principal: Principal): void {}
    }
    const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, Target, 'handle') as Record<string, { factory: never }>;
    return Object.values(args)[0]!.factory;
  }

  it('returns the principal the guard attached', async () => {
    const req: AuthenticatedRequest = { headers: { authorization: await bearer(['member']) } };
    await guard.canActivate(gqlContext('me', req));
    expect(factoryOf()(undefined, gqlContext('me', req))?.userId).toBe('user-1');
  });

  it('fails with UNAUTHENTICATED when there is none, unless optional', () => {
    expect(() => factoryOf()(undefined, gqlContext('searchSites', { headers: {} }))).toThrow(GraphQLError);
    expect(factoryOf()({ optional: true }, gqlContext('searchSites', { headers: {} }))).toBeUndefined();
  });
});

describe('AuthErrorFilter', () => {
  it('turns a ForbiddenError thrown by a service into a FORBIDDEN GraphQL error', () => {
    const filter = new AuthErrorFilter(new HttpAdapterHost());
    const result = filter.catch(new ForbiddenError('FORBIDDEN_OTHER_ORGANISATION', 'site 42 belongs to another organisation'), gqlContext('me', {}));
    expect(result).toBeInstanceOf(GraphQLError);
    expect((result as GraphQLError).extensions).toEqual({ code: 'FORBIDDEN', reason: 'FORBIDDEN_OTHER_ORGANISATION' });
  });
});
