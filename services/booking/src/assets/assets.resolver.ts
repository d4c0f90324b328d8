import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Public, Roles } from '@rim/auth';
import { Ctx, type RequestContext } from '@rim/service-kit';
import { Asset, AssetSpec } from './asset.entity';
import { AssetsService } from './assets.service';
import { AvailabilityInput } from './dto/asset-rules.input';
import { ListAssetInput } from './dto/list-asset.input';

@Resolver(() => Asset)
export class AssetsResolver {
  constructor(private readonly service: AssetsService) {}

  @Public()
  @Query(() => Asset, { nullable: true })
  asset(@Args('id', { type: () => ID }) id: string): Promise<Asset | null> {
    return this.service.findById(id);
  }

  @Public()
  @Query(() => [Asset], { description: 'Assets an organisation offers for booking.' })
  assetsOfOrganisation(@Args('organisationId', { type: () => ID }) organisationId: string): Promise<Asset[]> {
    return this.service.listByOrganisation(organisationId);
  }

  @Roles('org-admin', 'operator')
  @Mutation(() => Asset, { description: "Offers one of the caller organisation's assets for booking (an operator may onboard another organisation's)." })
  listAsset(@Ctx() ctx: RequestContext, @Args('input') input: ListAssetInput): Promise<Asset> {
    return this.service.list(ctx, input);
  }

  @Roles('org-admin', 'operator')
  @Mutation(() => Asset, { description: 'Changes opening hours, closures, booking rules or the location of a mobile asset.' })
  updateAvailability(
    @Ctx() ctx: RequestContext,
    @Args('assetId', { type: () => ID }) assetId: string,
    @Args('input') input: AvailabilityInput,
  ): Promise<Asset> {
    return this.service.updateAvailability(ctx, assetId, input);
  }

  @ResolveField(() => [AssetSpec])
  specs(@Parent() asset: Asset): AssetSpec[] {
    return Object.entries(asset.specs ?? {}).map(([name, value]) => ({ name, value: String(value) }));
  }

  @Public()
  @ResolveReference()
  resolveReference(ref: { id: string }): Promise<Asset | null> {
    return this.service.findById(ref.id);
  }
}
