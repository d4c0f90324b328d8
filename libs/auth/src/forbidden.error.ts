/**
 * Why an authenticated principal may not do what it asked. Stable: clients may switch on it.
 *
 * @example
 * ```ts
 * if (error.code === 'FORBIDDEN_OTHER_ORGANISATION') showNotYours();
 * ```
 */
export type ForbiddenErrorCode = 'FORBIDDEN_OTHER_ORGANISATION' | 'FORBIDDEN_MISSING_ROLE' | 'FORBIDDEN_NO_ORGANISATION';

/**
 * Thrown when an authenticated principal is not allowed to act, e.g. on another organisation's
 * data. The global filter installed by `AuthModule` turns it into a GraphQL error with
 * `extensions.code: 'FORBIDDEN'` (or HTTP 403).
 *
 * @example
 * ```ts
 * throw new ForbiddenError('FORBIDDEN_OTHER_ORGANISATION', 'site 42 belongs to another organisation');
 * ```
 */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';

  constructor(
    readonly code: ForbiddenErrorCode,
    message: string,
  ) {
    super(message);
  }
}
