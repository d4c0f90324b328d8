import { Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Roles } from '@rim/auth';
import { Ctx, type RequestContext } from '@rim/service-kit';
import { requireOrganisation } from '../common/principal';
import { KnownSite } from './known-site.entity';
import { KnownSiteModel } from './known-site.model';

@Resolver(() => KnownSiteModel)
export class OrganisationsResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Roles('member', 'buyer', 'carrier', 'org-admin')
  @Query(() => [KnownSiteModel], { description: "The caller organisation's sites, to pick a pickup place from (copied from the directory's events)." })
  async myShippingSites(@Ctx() ctx: RequestContext): Promise<KnownSiteModel[]> {
    const principal = requireOrganisation(ctx);
    return this.dataSource.getRepository(KnownSite).find({ where: { organisationId: principal.organisationId }, order: { name: 'ASC' } });
  }
}
