import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';

import { toGraphQLError } from './auth-graphql.error';
import type { AuthModuleOptions } from './auth-module-options';
import { operationOf, requestOf, type AuthenticatedRequest } from './auth-request';
import { AUTH_OPTIONS, IS_PUBLIC_KEY, ROLES_KEY } from './auth.constants';
import { AuthenticationError } from './authentication.error';
import { extractBearerToken } from './bearer';
import { ForbiddenError } from './forbidden.error';
import { hasRole, type Principal } from './principal';
import type { Role } from './roles';
import { TokenVerifier } from './token-verifier';

/**
 * The global guard installed by `AuthModule` (as `APP_GUARD`). For GraphQL resolvers and HTTP
 * handlers it reads `Authorization: Bearer …`, verifies it, and puts the principal on
 * `req.principal`; then it applies `@Public()` and `@Roles()`. GraphQL failures are `GraphQLError`s
 * (`UNAUTHENTICATED` / `FORBIDDEN` with a `reason`); HTTP failures are 401 / 403. Microservice
 * (`rpc`) handlers pass: Kafka consumers are authenticated by the broker, not by user tokens.
 *
 * The token is verified once per request, even when many field resolvers run.
 *
 * @example
 * ```ts
 * // Usually through AuthModule.forRoot; by hand:
 * providers: [{ provide: APP_GUARD, useClass: GqlAuthGuard }]
 * ```
 */
@Injectable()
export class GqlAuthGuard implements CanActivate {
  private readonly publicOperations: ReadonlySet<string>;
  private readonly verifications = new WeakMap<object, Promise<Principal | null>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @Inject(AUTH_OPTIONS) options: Pick<AuthModuleOptions, 'publicOperations'>,
  ) {
    this.publicOperations = new Set(options.publicOperations ?? []);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const type = context.getType<GqlContextType>();
    if (type === 'rpc') return true;
    const targets = [context.getHandler(), context.getClass()];
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    const req = requestOf(context);
    const isPublic =
      required.length === 0 &&
      (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets) === true ||
        this.publicOperations.has(operationOf(context, req)));

    let principal: Principal | null;
    try {
      principal = await this.principalOf(req);
    } catch (error) {
      // On a public operation a stale or broken token must not turn a public page into an error.
      if (isPublic && error instanceof AuthenticationError) return true;
      throw error instanceof AuthenticationError ? this.reject(type, error) : error;
    }
    if (principal === null) {
      if (isPublic) return true;
      throw this.reject(
        type,
        new AuthenticationError('TOKEN_MISSING', 'this operation requires an access token: send "Authorization: Bearer <token>"'),
      );
    }
    if (required.length > 0 && !hasRole(principal, ...required)) {
      throw this.reject(
        type,
        new ForbiddenError('FORBIDDEN_MISSING_ROLE', `this operation requires one of the roles: ${required.join(', ')}`),
      );
    }
    return true;
  }

  private principalOf(req: AuthenticatedRequest): Promise<Principal | null> {
    let verification = this.verifications.get(req);
    if (!verification) {
      verification = (async () => {
        const token = extractBearerToken(req.headers?.['authorization']);
        if (token === null) return null;
        const principal = await this.verifier.verify(token);
        req.principal = principal;
        return principal;
      })();
      this.verifications.set(req, verification);
    }
    return verification;
  }

  private reject(type: GqlContextType, error: AuthenticationError | ForbiddenError): Error {
    if (type === 'graphql') return toGraphQLError(error);
    const body = { code: error instanceof ForbiddenError ? 'FORBIDDEN' : 'UNAUTHENTICATED', reason: error.code, message: error.message };
    return error instanceof ForbiddenError
      ? new ForbiddenException({ statusCode: 403, ...body })
      : new UnauthorizedException({ statusCode: 401, ...body });
  }
}
