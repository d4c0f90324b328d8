import { Context, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Public } from '@rim/auth';
import { requestBatch } from '@rim/service-kit';
import { AssetModel, assetModel } from '../assets/asset.model';
import { AssetsService } from '../assets/assets.service';
import { OrganisationRef } from './organisation-ref.model';

/** `Organisation.assets`, resolved here because booking owns assets. */
@Resolver(() => OrganisationRef)
export class OrganisationAssetsResolver {
  constructor(private readonly assetsService: AssetsService) {}

  /** Only the key: the gateway asks the directory for the rest, under the directory's rules. */
  @Public()
  @ResolveReference()
  resolveReference(ref: { id: string }): OrganisationRef {
    return { id: ref.id };
  }

  /** Same rule as `assetsOfOrganisation`: public. */
  @Public()
  @ResolveField(() => [AssetModel], { description: 'Assets the organisation offers for booking.' })
  async assets(@Context() gqlContext: object, @Parent() organisation: OrganisationRef): Promise<AssetModel[]> {
    const batch = requestBatch(gqlContext, 'assetsOfOrganisation', (ids: string[]) => this.assetsService.listByOrganisations(ids));
    return ((await batch.load(organisation.id)) ?? []).map(assetModel);
  }
}
