/**
 * `@rim/auth`: Keycloak access-token verification (JWKS, with `jose`), roles, organisation scoping,
 * and NestJS GraphQL/HTTP guards. Every export is documented with an example at its declaration.
 *
 * @example
 * ```ts
 * import { AuthModule, CurrentPrincipal, Roles, assertSameOrganisation, type Principal } from '@rim/auth';
 * ```
 *
 * @packageDocumentation
 */
export { ROLES, isRole, type Role } from './roles';
export { AuthenticationError, type AuthenticationErrorCode } from './authentication.error';
export { ForbiddenError, type ForbiddenErrorCode } from './forbidden.error';
export { assertSameOrganisation, hasRole, type Principal, type SameOrganisationOptions } from './principal';
export { requireOrganisation, requirePrincipal, type HasPrincipal, type OrganisationPrincipal } from './require-principal';
export { TokenVerifier, type TokenVerifierOptions } from './token-verifier';
export { extractBearerToken, principalFromAuthorizationHeader } from './bearer';
export { toGraphQLError } from './auth-graphql.error';
export { type AuthenticatedRequest } from './auth-request';
export { AUTH_OPTIONS, IS_PUBLIC_KEY, ROLES_KEY } from './auth.constants';
export { type AuthModuleOptions } from './auth-module-options';
export { CurrentPrincipal, Public, Roles, type CurrentPrincipalOptions } from './auth.decorators';
export { GqlAuthGuard } from './gql-auth.guard';
export { AuthErrorFilter } from './auth-error.filter';
export { AuthModule, type AuthModuleAsyncOptions } from './auth.module';
