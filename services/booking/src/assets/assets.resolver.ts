import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Public, Roles } from '@rim/auth';
import { Ctx, requestBatch, type RequestContext } from '@rim/service-kit';
import { OrganisationRef } from '../organisations/organisation-ref.model';
import { SiteRef } from '../organisations/site-ref.model';
import { AssetModel, assetModel } from './asset.model';
import { AssetsService } from './assets.service';
import { AvailabilityInput } from './dto/availability.input';
import { ListAssetInput } from './dto/list-asset.input';
import { UtilisationModel } from './utilisation.model';

@Resolver(() => AssetModel)
export class AssetsResolver {
  constructor(private readonly service: AssetsService) {}

  @Public()
  @Query(() => AssetModel, { nullable: true })
  async asset(@Args('id', { type: () => ID }) id: string): Promise<AssetModel | null> {
    const asset = await this.service.findById(id);
    return asset && assetModel(asset);
  }

  @Public()
  @Query(() => [AssetModel], { description: 'Assets an organisation offers for booking.' })
  async assetsOfOrganisation(@Args('organisationId', { type: () => ID }) organisationId: string): Promise<AssetModel[]> {
    return (await this.service.listByOrganisation(organisationId)).map(assetModel);
  }

  @Roles('org-admin', 'operator')
  @Mutation(() => AssetModel, { description: "Offers one of the caller organisation's assets for booking (an operator may onboard another organisation's)." })
  async listAsset(@Ctx() ctx: RequestContext, @Args('input') input: ListAssetInput): Promise<AssetModel> {
    return assetModel(await this.service.list(ctx, input));
  }

  @Roles('org-admin', 'operator')
  @Mutation(() => AssetModel, { description: 'Changes opening hours, closures, booking rules or the location of a mobile asset.' })
  async updateAvailability(
    @Ctx() ctx: RequestContext,
    @Args('assetId', { type: () => ID }) assetId: string,
    @Args('input') input: AvailabilityInput,
  ): Promise<AssetModel> {
    return assetModel(await this.service.updateAvailability(ctx, assetId, input));
  }

  /** Same rule as the `utilisation` query: public. */
  @Public()
  @ResolveField(() => UtilisationModel, { description: 'Booked hours over open hours in a window, as the `utilisation` query.' })
  utilisation(@Parent() asset: AssetModel, @Args('from') from: Date, @Args('to') to: Date): Promise<UtilisationModel> {
    return this.service.utilisation(asset.id, from, to);
  }

  @ResolveField(() => OrganisationRef, { description: 'The owner, resolved by the directory.' })
  organisation(@Parent() asset: AssetModel): OrganisationRef {
    return { id: asset.organisationId };
  }

  @ResolveField(() => SiteRef, { nullable: true, description: 'The site it stands at, resolved by the directory.' })
  site(@Parent() asset: AssetModel): SiteRef | null {
    return asset.siteId ? { id: asset.siteId } : null;
  }

  /** Same rule as `asset(id)`: public. */
  @Public()
  @ResolveReference()
  async resolveReference(ref: { id: string }, gqlContext: object): Promise<AssetModel | null> {
    // No parameter decorators here on purpose: Nest then passes Apollo's (reference, context).
    const asset = await requestBatch(gqlContext, 'assetById', (ids: string[]) => this.service.findByIds(ids)).load(ref.id);
    return asset ? assetModel(asset) : null;
  }
}
