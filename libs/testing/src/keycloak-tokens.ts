import { required } from './test-env';

/**
 * A real access token from the running Keycloak (password grant of a test client).
 *
 * @example
 * const token = await accessToken('alice');                 // marketplace-tests client
 * const short = await accessToken('alice', 'marketplace-tests-short'); // expires in 2 s
 */
export async function accessToken(username: string, clientId = 'marketplace-tests', password = 'demo'): Promise<string> {
  const response = await fetch(`${required('OIDC_ISSUER')}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password, scope: 'openid' }),
  });
  const body = (await response.json()) as { access_token?: string; error_description?: string };
  if (!response.ok || !body.access_token) {
    throw new Error(`Keycloak refused a token for ${username}/${clientId}: ${body.error_description ?? response.status}`);
  }
  return body.access_token;
}

/** Posts a GraphQL operation and returns the parsed response with its HTTP status. */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{ status: number; data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let parsed: { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`not a GraphQL response (HTTP ${response.status}): ${text.slice(0, 300)}`);
  }
  return { status: response.status, ...parsed };
}

/**
 * The subject (`sub`, the Keycloak user id) of an access token, read without checking it: for a
 * test that must name a user it signed in as (e.g. granting bob a training).
 */
export function tokenSubject(token: string): string {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub;
}
