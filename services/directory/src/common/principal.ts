import {
  requireOrganisation as requireOrganisationOf,
  requirePrincipal as requireSignedIn,
  type OrganisationPrincipal,
  type Principal,
} from '@rim/auth';
import type { RequestContext } from '@rim/service-kit';

/** What the caller is doing, in the directory's refusals: "sign in to change the directory". */
const ACTIVITY = 'change the directory';

/** The directory's wording for the shared check of @rim/auth: every write needs a signed-in caller. */
export const requirePrincipal = (ctx: RequestContext): Principal => requireSignedIn(ctx, ACTIVITY);

/** The same, for a write that acts for the caller's own organisation (registering it). */
export const requireOrganisation = (ctx: RequestContext): OrganisationPrincipal => requireOrganisationOf(ctx, ACTIVITY);
