import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';

import { AuthGraphQLError, toGraphQLError } from './auth-graphql.error';
import { AuthenticationError } from './authentication.error';
import { ForbiddenError } from './forbidden.error';

/**
 * Global filter installed by `AuthModule` (as `APP_FILTER`). Services throw the plain
 * {@link ForbiddenError} (e.g. from `assertSameOrganisation`) or {@link AuthenticationError}; this
 * turns them into `GraphQLError`s with `extensions.code` `FORBIDDEN` / `UNAUTHENTICATED` for
 * resolvers, and into 403 / 401 JSON for HTTP, instead of an internal server error. It also passes
 * the guard's own GraphQL errors through without Nest logging them as crashes.
 *
 * @example
 * ```ts
 * // Usually through AuthModule.forRoot; by hand:
 * providers: [{ provide: APP_FILTER, useClass: AuthErrorFilter }]
 * ```
 */
@Catch(AuthenticationError, ForbiddenError, AuthGraphQLError)
export class AuthErrorFilter implements ExceptionFilter {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(error: AuthenticationError | ForbiddenError | AuthGraphQLError, host: ArgumentsHost): unknown {
    const type = host.getType<GqlContextType>();
    if (type === 'graphql') {
      // Nest hands a filter's return value to GraphQL, which reports a returned Error as a field error.
      return error instanceof GraphQLError ? error : toGraphQLError(error);
    }
    if (type !== 'http') throw error;
    const graphQLError = error instanceof GraphQLError ? error : toGraphQLError(error);
    const code = graphQLError.extensions['code'];
    const status = code === 'FORBIDDEN' ? 403 : 401;
    const body = { statusCode: status, code, reason: graphQLError.extensions['reason'], message: graphQLError.message };
    this.adapterHost.httpAdapter.reply(host.switchToHttp().getResponse(), body, status);
    return undefined;
  }
}
