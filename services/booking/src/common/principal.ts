import { GraphQLError } from 'graphql';
import type { EntityManager } from 'typeorm';
import { ForbiddenError, hasRole, type Principal } from '@rim/auth';
import { BadInputError, type RequestContext } from '@rim/service-kit';

export function requirePrincipal(ctx: RequestContext): Principal {
  if (!ctx.principal) {
    throw new GraphQLError('sign in to use machine booking', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  return ctx.principal;
}

/** The caller and their organisation: every write in booking acts for an organisation. */
export function requireOrganisation(ctx: RequestContext): Principal & { organisationId: string } {
  const principal = requirePrincipal(ctx);
  if (!principal.organisationId) {
    throw new GraphQLError('your account is not tied to an organisation; ask an operator to onboard it', {
      extensions: { code: 'FORBIDDEN' },
    });
  }
  return principal as Principal & { organisationId: string };
}

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
