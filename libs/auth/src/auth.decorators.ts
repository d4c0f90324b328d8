import { createParamDecorator, SetMetadata, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import type { GqlContextType } from '@nestjs/graphql';

import { toGraphQLError } from './auth-graphql.error';
import { requestOf } from './auth-request';
import { AuthenticationError } from './authentication.error';
import { IS_PUBLIC_KEY, ROLES_KEY } from './auth.constants';
import type { Principal } from './principal';
import type { Role } from './roles';

/**
 * Opens a resolver, a resolver class, or a controller route to anonymous callers. A valid token,
 * if sent, still yields a principal; an invalid one is ignored. `@Roles` wins over `@Public`.
 *
 * @example
 * ```ts
 * @Resolver()
 * class OrganisationSearchResolver {
 *   constructor(private readonly organisations: OrganisationsService) {}
 *
 *   @Public()
 *   @Query(() => [Organisation])
 *   searchOrganisations(@Args('q') q: string) { return this.organisations.search(q); }
 * }
 * ```
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * Requires at least one of the given roles (on the method, or on the class for all its methods).
 * Fails with `extensions.code: 'FORBIDDEN'`, `reason: 'FORBIDDEN_MISSING_ROLE'`.
 *
 * @example
 * ```ts
 * @Resolver()
 * class SitesResolver {
 *   constructor(private readonly sites: SitesService) {}
 *
 *   @Roles('org-admin', 'operator')
 *   @Mutation(() => Site)
 *   createSite(@CurrentPrincipal() principal: Principal, @Args('input') input: CreateSiteInput) { return this.sites.create(principal, input); }
 * }
 * ```
 */
export const Roles = (...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/**
 * Options of {@link CurrentPrincipal}.
 *
 * @example
 * ```ts
 * @Resolver()
 * class OrganisationResolver {
 *   @Public()
 *   @Query(() => Boolean)
 *   signedIn(@CurrentPrincipal({ optional: true }) principal: Principal | undefined) { return principal !== undefined; }
 * }
 * ```
 */
export interface CurrentPrincipalOptions {
  /** Return undefined for anonymous callers (on `@Public()` operations) instead of failing. */
  optional?: boolean;
}

/**
 * Injects the verified {@link Principal} into a GraphQL resolver or an HTTP handler.
 *
 * @example
 * ```ts
 * @Resolver()
 * class SitesResolver {
 *   constructor(private readonly sites: SitesService) {}
 *
 *   @Mutation(() => Site)
 *   renameSite(@CurrentPrincipal() principal: Principal, @Args('id') id: string) {
 *     return this.sites.rename(principal, id);
 *   }
 * }
 * ```
 */
export const CurrentPrincipal = createParamDecorator(
  (options: CurrentPrincipalOptions | undefined, context: ExecutionContext): Principal | undefined => {
    const principal = requestOf(context).principal;
    if (principal === undefined && !options?.optional) {
      const error = new AuthenticationError('TOKEN_MISSING', 'this operation requires an access token');
      if (context.getType<GqlContextType>() === 'graphql') throw toGraphQLError(error);
      throw new UnauthorizedException({ statusCode: 401, code: 'UNAUTHENTICATED', reason: error.code, message: error.message });
    }
    return principal;
  },
);
