import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Public, Roles } from '@rim/auth';
import { Ctx, requireUuid, type RequestContext } from '@rim/service-kit';
import { referenceData } from '../reference/reference-data';
import { SiteModel } from '../sites/site.model';
import { CapabilitiesService } from './capabilities.service';
import { CapabilityModel, ProcessModel } from './capability.model';
import { SetSiteCapabilitiesInput } from './dto/capability.input';

@Resolver(() => SiteModel)
export class CapabilitiesResolver {
  constructor(private readonly service: CapabilitiesService) {}

  @Public()
  @Query(() => [ProcessModel], { description: 'The process taxonomy capabilities are declared against.' })
  processes(): ProcessModel[] {
    return referenceData().allProcesses();
  }

  @Roles('org-admin', 'operator')
  @Mutation(() => [CapabilityModel], { description: "Replaces a site's capabilities." })
  setSiteCapabilities(
    @Ctx() ctx: RequestContext,
    @Args('siteId', { type: () => ID }) siteId: string,
    @Args('input') input: SetSiteCapabilitiesInput,
  ): Promise<CapabilityModel[]> {
    return this.service.setForSite(ctx, requireUuid('siteId', siteId), input.capabilities);
  }

  @Public()
  @ResolveField(() => [CapabilityModel])
  capabilities(@Parent() site: SiteModel): Promise<CapabilityModel[]> {
    return this.service.forSite(site.id);
  }
}
