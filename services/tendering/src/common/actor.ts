import type { RequestContext } from '@rim/service-kit';

/** Who did it, as the audit trail records it: the user and the organisation they acted for. */
export function actorOf(ctx: RequestContext): string {
  const p = ctx.principal;
  if (!p) return 'anonymous';
  return `user:${p.username ?? p.userId}${p.organisationId ? ` org:${p.organisationId}` : ''}`;
}
