import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Public, Roles } from '@rim/auth';
import { Ctx, type RequestContext } from '@rim/service-kit';
import type { TemperatureZone } from '../common/cargo.enums';
import { RegisterHubInput } from './dto/register-hub.input';
import type { Hub } from './hub.entity';
import { HubModel } from './hub.model';
import { HubsService } from './hubs.service';

function hubModel(h: Hub): Omit<HubModel, 'operatorName' | 'inboundShipments'> {
  return {
    id: h.id,
    operatorOrganisationId: h.operatorOrganisationId,
    name: h.name,
    place: h.place,
    temperatureZones: h.temperatureZones as TemperatureZone[],
    capacityPallets: h.capacityPallets,
  };
}

@Resolver(() => HubModel)
export class HubsResolver {
  constructor(private readonly service: HubsService) {}

  @Roles('carrier', 'org-admin', 'operator')
  @Mutation(() => HubModel, { description: "Registers a consolidation hub run by the caller's organisation." })
  async registerHub(@Ctx() ctx: RequestContext, @Args('input') input: RegisterHubInput): Promise<Partial<HubModel>> {
    return hubModel(await this.service.register(ctx, input));
  }

  @Public()
  @Query(() => [HubModel], { description: 'Consolidation hubs, by name.' })
  async hubs(): Promise<Array<Partial<HubModel>>> {
    return (await this.service.list()).map(hubModel);
  }

  @Public()
  @Query(() => HubModel, { nullable: true })
  async hub(@Args('id', { type: () => ID }) id: string): Promise<Partial<HubModel> | null> {
    const h = await this.service.findById(id);
    return h ? hubModel(h) : null;
  }

  @ResolveField(() => String, { nullable: true })
  operatorName(@Parent() hub: HubModel): Promise<string | null> {
    return this.service.organisationName(hub.operatorOrganisationId);
  }

  @ResolveField(() => Int)
  inboundShipments(@Parent() hub: HubModel): Promise<number> {
    return this.service.inboundCount(hub.id);
  }
}
