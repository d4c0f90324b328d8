import { AuthenticationError } from './authentication.error';
import type { Principal } from './principal';
import type { TokenVerifier } from './token-verifier';

const BEARER = /^Bearer[ \t]+([A-Za-z0-9\-._~+/]+=*)[ \t]*$/i;

/**
 * Returns the token of an `Authorization: Bearer …` header, null when the header is absent or
 * blank, and throws `TOKEN_MALFORMED` for any other scheme or shape.
 *
 * @example
 * ```ts
 * extractBearerToken('Bearer eyJhbGciOi…'); // 'eyJhbGciOi…'
 * extractBearerToken(undefined); // null
 * ```
 */
export function extractBearerToken(header: string | string[] | undefined): string | null {
  if (Array.isArray(header)) {
    if (header.length > 1) {
      throw new AuthenticationError('TOKEN_MALFORMED', 'more than one Authorization header was sent');
    }
    header = header[0];
  }
  if (header === undefined || header.trim() === '') return null;
  const match = BEARER.exec(header);
  if (!match?.[1]) {
    throw new AuthenticationError(
      'TOKEN_MALFORMED',
      'the Authorization header must be "Bearer <access token>"',
    );
  }
  return match[1];
}

/**
 * For the federation gateway (not a Nest GraphQL server): verifies the `Authorization` header at
 * the edge. Resolves to null when no header was sent (the caller decides whether anonymous access
 * is fine), to the principal when the token verifies, and rejects with an `AuthenticationError`
 * otherwise. Forward the same header to the subgraphs: they verify it again.
 *
 * @example
 * ```ts
 * const verifier = new TokenVerifier({ issuer, audience: 'marketplace-api' });
 * // in the gateway's context function:
 * const principal = await principalFromAuthorizationHeader(verifier, req.headers.authorization);
 * ```
 */
export async function principalFromAuthorizationHeader(
  verifier: TokenVerifier,
  header: string | undefined,
): Promise<Principal | null> {
  const token = extractBearerToken(header);
  return token === null ? null : verifier.verify(token);
}
