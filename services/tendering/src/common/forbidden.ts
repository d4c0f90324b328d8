import { ForbiddenError } from '@rim/auth';

/** Another organisation's tender, consortium or bid: the typed error of @rim/auth, with the reason. */
export function forbidden(reason: string): ForbiddenError {
  return new ForbiddenError('FORBIDDEN_OTHER_ORGANISATION', reason);
}
