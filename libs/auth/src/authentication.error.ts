/**
 * Why a request could not be authenticated. Stable: clients and tests may switch on it.
 *
 * @example
 * ```ts
 * if (error.code === 'TOKEN_EXPIRED') await refreshToken();
 * ```
 */
export type AuthenticationErrorCode =
  | 'TOKEN_MISSING'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_INVALID_SIGNATURE'
  | 'TOKEN_WRONG_ISSUER'
  | 'TOKEN_WRONG_AUDIENCE'
  | 'TOKEN_ALGORITHM_REFUSED'
  | 'TOKEN_MALFORMED'
  | 'JWKS_UNAVAILABLE';

/**
 * Thrown when an access token is missing or does not verify. The message is meant for humans
 * (e.g. `access token expired at 2026-03-01T10:00:00.000Z`) and never contains the token.
 *
 * @example
 * ```ts
 * try {
 *   await verifier.verify(token);
 * } catch (error) {
 *   if (error instanceof AuthenticationError) log.info(error.code, error.message);
 * }
 * ```
 */
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';

  constructor(
    readonly code: AuthenticationErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
