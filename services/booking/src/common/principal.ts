import type { EntityManager } from 'typeorm';
import {
  ForbiddenError,
  hasRole,
  requireOrganisation as requireOrganisationOf,
  requirePrincipal as requireSignedIn,
  type OrganisationPrincipal,
  type Principal,
} from '@rim/auth';
import { BadInputError, type RequestContext } from '@rim/service-kit';

/** Booking's wording for the shared checks of @rim/auth. */
export const requirePrincipal = (ctx: RequestContext): Principal => requireSignedIn(ctx, 'use machine booking');

/** The caller and their organisation: every write in booking acts for an organisation. */
export const requireOrganisation = (ctx: RequestContext): OrganisationPrincipal => requireOrganisationOf(ctx, 'use machine booking');

/**
 * The organisation a write acts for: the caller's own, or, for an operator onboarding an
 * organisation that has no org-admin on the platform yet, the one named in `field`. Booking only
 * acts for organisations it has learnt from the directory's events.
 */
export async function actingOrganisation(
  tx: EntityManager,
  principal: Principal & { organisationId: string },
  requested: string | null | undefined,
  field: string,
): Promise<string> {
  if (!requested || requested === principal.organisationId) return principal.organisationId;
  if (!hasRole(principal, 'operator')) {
    throw new ForbiddenError('FORBIDDEN_MISSING_ROLE', `${field}: only an operator acts for another organisation; leave it out to act for yours`);
  }
  const [known] = await tx.query(`SELECT 1 FROM known_organisation WHERE id = $1`, [requested]);
  if (!known) {
    throw new BadInputError([
      { field, reason: `unknown organisation ${requested}: booking learns organisations from the directory; register it there first` },
    ]);
  }
  return requested;
}
