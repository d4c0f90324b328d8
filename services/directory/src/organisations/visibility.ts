import { hasRole, type Principal } from '@rim/auth';
import { Visibility } from './organisation.entity';

/**
 * Whether `viewer` may read a field of `ownerId`'s profile at `level`. Partners-only fields show to
 * the owner, to organisations the owner granted access, and to operators (who moderate).
 */
export function mayRead(level: Visibility, viewer: Principal | null, ownerId: string, isPartner: boolean): boolean {
  switch (level) {
    case Visibility.PUBLIC:
      return true;
    case Visibility.MEMBERS:
      return viewer !== null;
    case Visibility.PARTNERS:
      return viewer !== null && (viewer.organisationId === ownerId || isPartner || hasRole(viewer, 'operator'));
  }
}
