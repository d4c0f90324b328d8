import { AuthenticationError } from './authentication.error';
import { ForbiddenError } from './forbidden.error';
import type { Principal } from './principal';

/** A principal known to act for an organisation, as {@link requireOrganisation} returns it. */
export type OrganisationPrincipal = Principal & { readonly organisationId: string };

/** Anything carrying the caller, such as a service's `RequestContext`. */
export interface HasPrincipal {
  readonly principal: Principal | null | undefined;
}

/**
 * The signed-in caller, or an {@link AuthenticationError} (`TOKEN_MISSING`, surfacing as
 * `UNAUTHENTICATED`) saying what signing in is for. For resolvers whose role list allows anonymous
 * callers, and for services called from several resolvers.
 *
 * @example
 * ```ts
 * const principal = requirePrincipal(ctx, 'change the directory');
 * // AuthenticationError: sign in to change the directory
 * ```
 */
export function requirePrincipal(ctx: HasPrincipal, activity: string): Principal {
  if (!ctx.principal) throw new AuthenticationError('TOKEN_MISSING', `sign in to ${activity}`);
  return ctx.principal;
}

/**
 * The signed-in caller and the organisation they act for. Every member write acts for an
 * organisation, so a user Keycloak ties to none is refused with a {@link ForbiddenError}
 * (`FORBIDDEN_NO_ORGANISATION`, surfacing as `FORBIDDEN`) rather than writing rows owned by nobody.
 *
 * @example
 * ```ts
 * const { organisationId } = requireOrganisation(ctx, 'use co-delivery');
 * ```
 */
export function requireOrganisation(ctx: HasPrincipal, activity: string): OrganisationPrincipal {
  const principal = requirePrincipal(ctx, activity);
  if (!principal.organisationId) {
    throw new ForbiddenError('FORBIDDEN_NO_ORGANISATION', 'your account is not tied to an organisation; ask an operator to onboard it');
  }
  return principal as OrganisationPrincipal;
}
