import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Public, Roles } from '@rim/auth';
import { Ctx, requestBatch, type RequestContext } from '@rim/service-kit';
import { Utilisation } from '../bookings/booking.models';
import { BookingsService } from '../bookings/bookings.service';
import { OrganisationRef, SiteRef } from '../organisations/organisation-ref.model';
import { Asset, AssetSpec } from './asset.entity';
import { AssetsService } from './assets.service';
import { AvailabilityInput } from './dto/asset-rules.input';
import { ListAssetInput } from './dto/list-asset.input';

@Resolver(() => Asset)
export class AssetsResolver {
  constructor(
    private readonly service: AssetsService,
    private readonly bookings: BookingsService,
  ) {}

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

  /** Same rule as the `utilisation` query: public. */
  @Public()
  @ResolveField(() => Utilisation, { description: 'Booked hours over open hours in a window, as the `utilisation` query.' })
  utilisation(@Parent() asset: Asset, @Args('from') from: Date, @Args('to') to: Date): Promise<Utilisation> {
    return this.bookings.utilisation(asset.id, from, to);
  }

  @ResolveField(() => OrganisationRef, { description: 'The owner, resolved by the directory.' })
  organisation(@Parent() asset: Asset): OrganisationRef {
    return { id: asset.organisationId };
  }

  @ResolveField(() => SiteRef, { nullable: true, description: 'The site it stands at, resolved by the directory.' })
  site(@Parent() asset: Asset): SiteRef | null {
    return asset.siteId ? { id: asset.siteId } : null;
  }

  /** Same rule as `asset(id)`: public. */
  @Public()
  @ResolveReference()
  async resolveReference(ref: { id: string }, gqlContext: object): Promise<Asset | null> {
    // No parameter decorators here on purpose: Nest then passes Apollo's (reference, context).
    return (await requestBatch(gqlContext, 'assetById', (ids: string[]) => this.service.findByIds(ids)).load(ref.id)) ?? null;
  }
}
