import { GraphQLError } from 'graphql';

import type { AuthenticationError } from './authentication.error';
import { ForbiddenError } from './forbidden.error';

/** A GraphQLError made by this library; lets the filter pass it through without logging it as a crash. */
export class AuthGraphQLError extends GraphQLError {}

/**
 * Turns an {@link AuthenticationError} into a GraphQL error with
 * `extensions: { code: 'UNAUTHENTICATED', reason }`, and a {@link ForbiddenError} into one with
 * `extensions: { code: 'FORBIDDEN', reason }`. Used by the guard, the filter, and the gateway.
 *
 * @example
 * ```ts
 * try {
 *   principal = await principalFromAuthorizationHeader(verifier, req.headers.authorization);
 * } catch (error) {
 *   if (error instanceof AuthenticationError) throw toGraphQLError(error);
 *   throw error;
 * }
 * ```
 */
export function toGraphQLError(error: AuthenticationError | ForbiddenError): GraphQLError {
  const code = error instanceof ForbiddenError ? 'FORBIDDEN' : 'UNAUTHENTICATED';
  return new AuthGraphQLError(error.message, { extensions: { code, reason: error.code } });
}
