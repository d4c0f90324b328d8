import { requireOrganisation as requireOrganisationOf, type OrganisationPrincipal } from '@rim/auth';
import type { RequestContext } from '@rim/service-kit';

export type OrgPrincipal = OrganisationPrincipal;

/** Tendering's wording for the shared check of @rim/auth: every write acts for an organisation. */
export const requireOrganisation = (ctx: RequestContext): OrgPrincipal => requireOrganisationOf(ctx, 'use tendering');
