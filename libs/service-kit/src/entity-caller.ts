import { principalFromAuthorizationHeader, type Principal, type TokenVerifier } from '@rim/auth';

/** The GraphQL context every subgraph builds: `{ req }`, where the auth guard puts the principal. */
export interface SubgraphContext {
  req?: { headers?: Record<string, string | string[] | undefined>; principal?: Principal | null };
}

/**
 * The caller, for reference resolvers and entity fields. A gateway's `_entities` request has no
 * root field of ours, so Nest's guard (which verifies the token and sets `req.principal`) never
 * runs for it; this verifies the token itself, once per request. A missing or bad token is an
 * anonymous caller, as on a public query (issue 13).
 *
 * @example
 * const caller = await entityCaller(this.verifier, gqlContext);
 * if (caller?.organisationId !== shipment.shipperOrganisationId) return null;
 */
export async function entityCaller(verifier: TokenVerifier, context: SubgraphContext | undefined): Promise<Principal | null> {
  const req = context?.req;
  if (!req) return null;
  if (req.principal === undefined) {
    const header = req.headers?.['authorization'];
    req.principal = await principalFromAuthorizationHeader(verifier, typeof header === 'string' ? header : undefined).catch(() => null);
  }
  return req.principal ?? null;
}
