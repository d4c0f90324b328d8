import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public, Roles, TokenVerifier } from '@rim/auth';
import { Ctx, entityCaller, NotFoundError, requireUuid, type RequestContext, type SubgraphContext } from '@rim/service-kit';
import type { Organisation } from './organisation.entity';
import { OrganisationModel } from './organisation.model';
import { loadOwnedOrganisation } from './organisation-access';
import { PartnerAccess } from './partner-access.entity';
import { mayRead } from './visibility';

/**
 * Profile fields with a visibility level. A field the caller may not read resolves to null: the
 * profile stays usable, and nothing reveals whether the hidden field is filled.
 */
@Resolver(() => OrganisationModel)
export class OrganisationProfileResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly verifier: TokenVerifier,
  ) {}

  @Public()
  @ResolveField(() => String, { nullable: true })
  description(@Context() gqlContext: SubgraphContext, @Parent() o: Organisation): Promise<string | null> {
    return this.visible(gqlContext, o, o.descriptionVisibility, o.description);
  }

  @Public()
  @ResolveField(() => String, { nullable: true, description: 'Processes and tricks of the trade; partners only by default.' })
  knowHow(@Context() gqlContext: SubgraphContext, @Parent() o: Organisation): Promise<string | null> {
    return this.visible(gqlContext, o, o.knowHowVisibility, o.knowHow);
  }

  @Public()
  @ResolveField(() => String, { nullable: true, description: 'Client references; partners only by default.' })
  clientReferences(@Context() gqlContext: SubgraphContext, @Parent() o: Organisation): Promise<string | null> {
    return this.visible(gqlContext, o, o.clientReferencesVisibility, o.clientReferences);
  }

  @Roles('org-admin', 'operator')
  @Mutation(() => Boolean, { description: "Lets a partner organisation read your partners-only fields." })
  async grantPartnerAccess(
    @Ctx() ctx: RequestContext,
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('partnerOrganisationId', { type: () => ID }) partnerId: string,
  ): Promise<boolean> {
    requireUuid('organisationId', organisationId);
    requireUuid('partnerOrganisationId', partnerId);
    await this.dataSource.transaction(async (tx) => {
      await loadOwnedOrganisation(tx, ctx, organisationId);
      if (!(await tx.existsBy('organisation', { id: partnerId }))) throw new NotFoundError('organisation', partnerId);
      await tx.createQueryBuilder().insert().into(PartnerAccess).values({ organisationId, partnerId }).orIgnore().execute();
    });
    return true;
  }

  @Roles('org-admin', 'operator')
  @Mutation(() => Boolean)
  async revokePartnerAccess(
    @Ctx() ctx: RequestContext,
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('partnerOrganisationId', { type: () => ID }) partnerId: string,
  ): Promise<boolean> {
    await this.dataSource.transaction(async (tx) => {
      await loadOwnedOrganisation(tx, ctx, organisationId);
      await tx.delete(PartnerAccess, { organisationId, partnerId });
    });
    return true;
  }

  /** Through `_entities` no guard has run, so the viewer comes from `entityCaller`, not `@Ctx()`. */
  private async visible(gqlContext: SubgraphContext, o: Organisation, level: Organisation['knowHowVisibility'], value: string | null): Promise<string | null> {
    if (value === null) return null;
    const viewer = await entityCaller(this.verifier, gqlContext);
    const isPartner =
      viewer?.organisationId != null &&
      viewer.organisationId !== o.id &&
      (await this.dataSource.getRepository(PartnerAccess).existsBy({ organisationId: o.id, partnerId: viewer.organisationId }));
    return mayRead(level, viewer, o.id, isPartner) ? value : null;
  }
}
