/**
 * What the demo seeds share: a demo user's Keycloak token and a GraphQL call through the gateway.
 * The seeds go through the gateway with real tokens so that they exercise the same path (and emit
 * the same events) as a real user.
 */

/** A GraphQL answer as the seeds read it. */
export interface GraphQLAnswer {
  data?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** A token for a demo user of the local realm (password `demo`, client `marketplace-tests`). */
export async function demoToken(issuer: string, username: string): Promise<string> {
  const res = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'marketplace-tests', username, password: 'demo' }),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`no token for demo user ${username}: ${body.error_description ?? res.status}`);
  return body.access_token;
}

/** One GraphQL operation through the gateway, with a bearer token when given. */
export async function gatewayCall(
  gatewayUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLAnswer> {
  const res = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GraphQLAnswer;
}
