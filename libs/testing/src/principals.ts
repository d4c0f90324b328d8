import type { Principal } from '@rim/auth';

/**
 * A signed-in member of an organisation, for tests that call a service class directly (no token):
 * user `user-<i>`, role `member`, valid for an hour.
 */
export function memberPrincipal(organisationId: string, i: number): Principal {
  return { userId: `user-${i}`, organisationId, roles: new Set(['member']), token: '', expiresAt: new Date(Date.now() + 3_600_000) };
}
