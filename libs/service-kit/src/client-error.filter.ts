import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { GqlContextType } from '@nestjs/graphql';
import { BadInputError, ConflictError, NotFoundError } from './bad-input.error';

/**
 * Hands the client errors a resolver throws (bad input, conflict, not found) back to GraphQL as
 * they are. Without it Nest logs each of them as a crash, burying real failures in the log.
 *
 * @example
 * providers: [{ provide: APP_FILTER, useClass: ClientErrorFilter }]
 */
@Catch(BadInputError, ConflictError, NotFoundError)
export class ClientErrorFilter implements ExceptionFilter {
  catch(error: BadInputError | ConflictError | NotFoundError, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() !== 'graphql') throw error;
    return error;
  }
}
