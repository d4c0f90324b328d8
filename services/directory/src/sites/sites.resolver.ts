import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Public, Roles } from '@rim/auth';
import { Ctx, requestBatch, requireUuid, type RequestContext } from '@rim/service-kit';
import { OrganisationModel } from '../organisations/organisation.model';
import { AddSiteInput } from './dto/add-site.input';
import { SiteModel } from './site.model';
import { SitesService } from './sites.service';

@Resolver(() => OrganisationModel)
export class SitesResolver {
  constructor(private readonly service: SitesService) {}

  @Roles('org-admin', 'operator')
  @Mutation(() => SiteModel, { description: 'Adds a production site to your organisation.' })
  addSite(
    @Ctx() ctx: RequestContext,
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('input') input: AddSiteInput,
  ): Promise<SiteModel> {
    return this.service.add(ctx, requireUuid('organisationId', organisationId), input);
  }

  @Public()
  @ResolveField(() => [SiteModel])
  async sites(@Context() gqlContext: object, @Parent() organisation: OrganisationModel): Promise<SiteModel[]> {
    const batch = requestBatch(gqlContext, 'sitesOfOrganisation', (ids: string[]) => this.service.forOrganisations(ids));
    return (await batch.load(organisation.id)) ?? [];
  }
}
