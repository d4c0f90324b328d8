import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Public, Roles } from '@rim/auth';
import { Ctx, type RequestContext } from '@rim/service-kit';
import { SiteModel } from '../sites/site.model';
import { CapacityService } from './capacity.service';
import { DeclareCapacityInput } from './dto/declare-capacity.input';
import { SpareCapacityModel } from './spare-capacity.model';

@Resolver(() => SiteModel)
export class CapacityResolver {
  constructor(private readonly capacity: CapacityService) {}

  @Roles('org-admin', 'operator')
  @Mutation(() => SpareCapacityModel, { description: 'Declares spare capacity on a process over a window.' })
  declareCapacity(@Ctx() ctx: RequestContext, @Args('input') input: DeclareCapacityInput): Promise<SpareCapacityModel> {
    return this.capacity.declare(ctx, input);
  }

  @Public()
  @ResolveField(() => [SpareCapacityModel], { description: 'Live (unexpired) spare capacity of the site.' })
  spareCapacity(@Parent() site: SiteModel): Promise<SpareCapacityModel[]> {
    return this.capacity.forSite(site.id);
  }
}
