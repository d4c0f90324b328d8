import { ForbiddenError, requireOrganisation as requireOrganisationOf, type OrganisationPrincipal } from '@rim/auth';
import { BadInputError, type RequestContext } from '@rim/service-kit';

export type OrgPrincipal = OrganisationPrincipal;

/** Tendering's wording for the shared check of @rim/auth. */
export const requireOrganisation = (ctx: RequestContext): OrgPrincipal => requireOrganisationOf(ctx, 'use tendering');

export function isOperator(ctx: RequestContext): boolean {
  return ctx.principal?.roles.has('operator') ?? false;
}

/** Who did it, as the audit trail records it: the user and the organisation they acted for. */
export function actorOf(ctx: RequestContext): string {
  const p = ctx.principal;
  if (!p) return 'anonymous';
  return `user:${p.username ?? p.userId}${p.organisationId ? ` org:${p.organisationId}` : ''}`;
}

export function forbidden(reason: string): ForbiddenError {
  return new ForbiddenError('FORBIDDEN_OTHER_ORGANISATION', reason);
}

export const num = (v: unknown): number => Number(v);
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Plain string arguments escape the DTO pipe: refuse them the same way, naming the argument. */
export function requireText(field: string, text: string, max = 5000): string {
  const trimmed = text.trim();
  if (trimmed.length < 1 || trimmed.length > max) throw new BadInputError([{ field, reason: `must be between 1 and ${max} characters` }]);
  return trimmed;
}
