import type { EntityManager } from 'typeorm';
import { assertSameOrganisation, ForbiddenError, hasRole } from '@rim/auth';
import { NotFoundError, type RequestContext } from '@rim/service-kit';
import { requirePrincipal } from '../common/principal';
import { Organisation } from './organisation.entity';

/**
 * The organisation the caller may change: their own (as org-admin) or any (as operator). Locks the
 * row for the transaction, so concurrent changes to one organisation's profile serialise.
 */
export async function loadOwnedOrganisation(tx: EntityManager, ctx: RequestContext, organisationId: string): Promise<Organisation> {
  const principal = requirePrincipal(ctx);
  if (!hasRole(principal, 'org-admin', 'operator')) {
    throw new ForbiddenError('FORBIDDEN_MISSING_ROLE', 'only an org-admin of the organisation (or an operator) may change its profile');
  }
  assertSameOrganisation(principal, organisationId, `organisation ${organisationId}`);
  const organisation = await tx
    .getRepository(Organisation)
    .createQueryBuilder('o')
    .setLock('pessimistic_write')
    .where('o.id = :id', { id: organisationId })
    .getOne();
  if (!organisation) throw new NotFoundError('organisation', organisationId);
  return organisation;
}
