import { ForbiddenError } from '@rim/auth';
import { BadInputError, NotFoundError } from '@rim/service-kit';
import { AtlasRequestError } from '../model/atlas-query';

/** The atlas's refusals (shared with the HTTP API) as the typed errors of the libs, naming the argument. */
export function asGraphQL<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof AtlasRequestError)) throw error;
    if (error.status === 403) throw new ForbiddenError('FORBIDDEN_MISSING_ROLE', `${error.field}: ${error.message}`);
    if (error.status === 404) throw new NotFoundError(`${error.field}:`, error.message);
    throw new BadInputError([{ field: error.field, reason: error.message }]);
  }
}
