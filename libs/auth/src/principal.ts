import { ForbiddenError } from './forbidden.error';
import type { Role } from './roles';

/**
 * The authenticated caller, built from a verified Keycloak access token.
 *
 * @example
 * ```ts
 * const principal: Principal = await verifier.verify(token);
 * principal.organisationId; // '6f1c…' or null when the user has no organisation
 * ```
 */
export interface Principal {
  /** Keycloak user id (`sub`). */
  readonly userId: string;
  /** `preferred_username`, when the token carries it. */
  readonly username?: string;
  /** `email`, when the token carries it. */
  readonly email?: string;
  /** The user's organisation (`org_id` claim), or null when the user belongs to none. */
  readonly organisationId: string | null;
  /** Known realm roles plus roles of the API client; unknown roles are dropped. */
  readonly roles: ReadonlySet<Role>;
  /** The raw access token, to forward downstream. Never log it. */
  readonly token: string;
  readonly expiresAt: Date;
}

/**
 * True when the principal holds at least one of the given roles (false when none are given).
 *
 * @example
 * ```ts
 * if (hasRole(principal, 'org-admin', 'operator')) showAdminTools();
 * ```
 */
export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return roles.some((role) => principal.roles.has(role));
}

/**
 * Options of {@link assertSameOrganisation}.
 *
 * @example
 * ```ts
 * assertSameOrganisation(principal, bid.organisationId, `bid ${bid.id}`, { operatorBypass: false });
 * ```
 */
export interface SameOrganisationOptions {
  /**
   * Whether an `operator` may act on any organisation (default true): operators run the platform
   * and moderate content. Pass false where even operators must stay out, e.g. reading sealed bids.
   */
  readonly operatorBypass?: boolean;
}

/**
 * Tenant isolation: throws a {@link ForbiddenError} (`FORBIDDEN_OTHER_ORGANISATION`) unless the
 * principal belongs to `organisationId`. Operators pass by default, because they moderate the
 * platform; see {@link SameOrganisationOptions.operatorBypass}. A principal without organisation
 * never passes (except as operator).
 *
 * `what` names the thing being changed, for the message.
 *
 * @example
 * ```ts
 * assertSameOrganisation(principal, site.organisationId, `site ${site.id}`);
 * // ForbiddenError: site 42 belongs to another organisation; you may only change your own
 * ```
 */
export function assertSameOrganisation(
  principal: Principal,
  organisationId: string,
  what: string,
  options: SameOrganisationOptions = {},
): void {
  if ((options.operatorBypass ?? true) && principal.roles.has('operator')) return;
  if (principal.organisationId === null) {
    throw new ForbiddenError(
      'FORBIDDEN_OTHER_ORGANISATION',
      `${what} belongs to an organisation, and your account belongs to none`,
    );
  }
  if (principal.organisationId !== organisationId) {
    throw new ForbiddenError(
      'FORBIDDEN_OTHER_ORGANISATION',
      `${what} belongs to another organisation; you may only change your own`,
    );
  }
}
