import { GraphQLError } from 'graphql';
import type { Principal } from '@rim/auth';
import type { RequestContext } from '@rim/service-kit';

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
