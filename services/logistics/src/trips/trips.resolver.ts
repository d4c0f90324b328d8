import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Public, Roles } from '@rim/auth';
import { Ctx, requestBatch, type RequestContext } from '@rim/service-kit';
import { tripModel, TripModel } from './trip.model';
import { OrganisationRef } from '../organisations/organisation-ref.model';
import { PostTripInput } from './dto/post-trip.input';
import { TripsService } from './trips.service';

@Resolver(() => TripModel)
export class TripsResolver {
  constructor(private readonly service: TripsService) {}

  @Roles('member', 'carrier', 'org-admin')
  @Mutation(() => TripModel, { description: "Posts a trip the caller's organisation drives anyway, with free space." })
  async postTrip(@Ctx() ctx: RequestContext, @Args('input') input: PostTripInput): Promise<TripModel> {
    return tripModel(await this.service.post(ctx, input));
  }

  @Roles('member', 'carrier', 'org-admin')
  @Query(() => [TripModel], { description: "The caller organisation's trips not yet departed, soonest first." })
  async myTrips(@Ctx() ctx: RequestContext): Promise<TripModel[]> {
    return (await this.service.mine(ctx)).map(tripModel);
  }

  @Public()
  @Query(() => TripModel, { nullable: true, description: 'A trip with its remaining capacity.' })
  async trip(@Args('id', { type: () => ID }) id: string): Promise<TripModel | null> {
    const t = await this.service.findById(id);
    return t ? tripModel(t) : null;
  }

  @ResolveField(() => OrganisationRef, { description: 'The organisation that drives it, resolved by the directory.' })
  owner(@Parent() trip: TripModel): OrganisationRef {
    return { id: trip.ownerOrganisationId };
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Legal name from the directory, once it has announced the organisation; kept fresh by organisation-updated.',
    deprecationReason: 'Use owner { legalName }, resolved by the directory.',
  })
  ownerName(@Parent() trip: TripModel): Promise<string | null> {
    return this.service.organisationName(trip.ownerOrganisationId);
  }

  /** Same rule as `trip(id)`: public. */
  @Public()
  @ResolveReference()
  async resolveReference(ref: { id: string }, gqlContext: object): Promise<TripModel | null> {
    // No parameter decorators here on purpose: Nest then passes Apollo's (reference, context).
    const trip = await requestBatch(gqlContext, 'tripById', (ids: string[]) => this.service.findByIds(ids)).load(ref.id);
    return trip ? tripModel(trip) : null;
  }
}
