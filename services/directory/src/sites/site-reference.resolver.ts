import { Resolver, ResolveReference } from '@nestjs/graphql';
import { Public } from '@rim/auth';
import { requestBatch } from '@rim/service-kit';
import { SiteModel } from './site.model';
import { SitesService } from './sites.service';

/** `Site` as an entity other subgraphs reference (`Asset.site`): public, like `Organisation.sites`. */
@Resolver(() => SiteModel)
export class SiteReferenceResolver {
  constructor(private readonly service: SitesService) {}

  @Public()
  @ResolveReference()
  async resolveReference(ref: { id: string }, gqlContext: object): Promise<SiteModel | null> {
    // No parameter decorators here on purpose: Nest then passes Apollo's (reference, context).
    return (await requestBatch(gqlContext, 'siteById', (ids: string[]) => this.service.findByIds(ids)).load(ref.id)) ?? null;
  }
}
