import { Args, ID, Int, Mutation, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { Public, Roles } from '@rim/auth';
import { BadInputError, Ctx, requestBatch, requireUuid, type RequestContext } from '@rim/service-kit';
import { RegisterOrganisationInput } from './dto/register-organisation.input';
import { UpdateOrganisationInput } from './dto/update-organisation.input';
import { OrganisationConnection, OrganisationModel } from './organisation.model';
import { encodeCursor, OrganisationsService } from './organisations.service';

const MAX_PAGE = 100;

@Resolver(() => OrganisationModel)
export class OrganisationsResolver {
  constructor(private readonly service: OrganisationsService) {}

  @Public()
  @Query(() => OrganisationConnection, { description: 'Organisations by legal name, 20 per page by default.' })
  async organisations(
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<OrganisationConnection> {
    if (first < 1 || first > MAX_PAGE) {
      throw new BadInputError([{ field: 'first', reason: `must be between 1 and ${MAX_PAGE}` }]);
    }
    const page = await this.service.list(first, after);
    return {
      edges: page.items.map((node) => ({ cursor: encodeCursor(node), node })),
      endCursor: page.endCursor,
      hasNextPage: page.hasNextPage,
    };
  }

  @Public()
  @Query(() => OrganisationModel, { nullable: true })
  organisation(@Args('id', { type: () => ID }) id: string): Promise<OrganisationModel | null> {
    return this.service.findById(requireUuid('id', id));
  }

  @Roles('member', 'org-admin')
  @Mutation(() => OrganisationModel, { description: "Registers the caller's own organisation." })
  registerOrganisation(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RegisterOrganisationInput,
  ): Promise<OrganisationModel> {
    return this.service.register(ctx, input);
  }

  @Roles('org-admin', 'operator')
  @Mutation(() => OrganisationModel, { description: "Changes the caller's organisation profile." })
  updateOrganisation(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateOrganisationInput,
  ): Promise<OrganisationModel> {
    return this.service.update(ctx, requireUuid('id', id), input);
  }

  /** Same rule as `organisation(id)`: public; the profile fields keep their own visibility. */
  @Public()
  @ResolveReference()
  async resolveReference(ref: { id: string }, gqlContext: object): Promise<OrganisationModel | null> {
    // No parameter decorators here on purpose: Nest then passes Apollo's (reference, context).
    return (await requestBatch(gqlContext, 'organisationById', (ids: string[]) => this.service.findByIds(ids)).load(ref.id)) ?? null;
  }
}
