import { requireOrganisation as requireOrganisationOf, type OrganisationPrincipal } from '@rim/auth';
import type { RequestContext } from '@rim/service-kit';

/** Logistics' wording for the shared check of @rim/auth: every write acts for an organisation. */
export const requireOrganisation = (ctx: RequestContext): OrganisationPrincipal => requireOrganisationOf(ctx, 'use co-delivery');
