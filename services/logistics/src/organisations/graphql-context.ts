import { principalFromAuthorizationHeader, type Principal, type TokenVerifier } from '@rim/auth';

/** The GraphQL context the subgraph module builds: `{ req }`, where the auth guard puts the principal. */
export interface GraphqlContext {
  req?: { headers?: Record<string, string | string[] | undefined>; principal?: Principal | null };
}

/** The caller's organisation once the auth guard has run for this request (field resolvers). */
export function callerOrganisation(context: GraphqlContext | undefined): string | null {
  return context?.req?.principal?.organisationId ?? null;
}

/**
 * The caller's organisation for a reference resolver: `_entities` is the first resolver of its
 * request and Nest's guard does not see Apollo's (reference, context) arguments, so the token is
 * checked here. A missing or bad token is an anonymous caller, as on a public query.
 */
export async function referenceCaller(verifier: TokenVerifier, context: GraphqlContext | undefined): Promise<string | null> {
  const req = context?.req;
  if (!req) return null;
  if (req.principal === undefined) {
    const header = req.headers?.['authorization'];
    req.principal = await principalFromAuthorizationHeader(verifier, typeof header === 'string' ? header : undefined).catch(() => null);
  }
  return req.principal?.organisationId ?? null;
}
