import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Public, Roles, TokenVerifier } from '@rim/auth';
import { Ctx, entityCaller, requestBatch, type RequestContext, type SubgraphContext } from '@rim/service-kit';
import { OrganisationRef } from '../organisations/organisation-ref.model';
import { Booking } from './booking.entity';
import { FreeSlot, RescheduleAnswer, Utilisation } from './booking.models';
import { BookingsService } from './bookings.service';
import { BookSlotInput } from './dto/book-slot.input';
import { FreeSlotsInput } from './dto/free-slots.input';
import { WaitlistEntry } from './waitlist-entry.entity';

@Resolver(() => Booking)
export class BookingsResolver {
  constructor(
    private readonly service: BookingsService,
    private readonly verifier: TokenVerifier,
  ) {}

  @Public()
  @Query(() => [FreeSlot], { description: 'What is free: gaps of the assets offering a process, in a window, near a place.' })
  freeSlots(@Args('input') input: FreeSlotsInput): Promise<FreeSlot[]> {
    return this.service.freeSlots(input);
  }

  @Public()
  @Query(() => Utilisation, { description: 'Booked hours over open hours of an asset.' })
  utilisation(
    @Args('assetId', { type: () => ID }) assetId: string,
    @Args('from') from: Date,
    @Args('to') to: Date,
  ): Promise<Utilisation> {
    return this.service.utilisation(assetId, from, to);
  }

  @Roles('member', 'org-admin')
  @Query(() => [Booking], { description: "The caller organisation's bookings." })
  myBookings(@Ctx() ctx: RequestContext): Promise<Booking[]> {
    return this.service.mine(ctx);
  }

  @Roles('member', 'org-admin')
  @Query(() => [WaitlistEntry], { description: "The caller organisation's waitlist entries." })
  myWaitlist(@Ctx() ctx: RequestContext): Promise<WaitlistEntry[]> {
    return this.service.waitlistOf(ctx);
  }

  @Roles('org-admin', 'operator')
  @Query(() => [Booking], { description: 'Bookings of one of your assets.' })
  assetBookings(@Ctx() ctx: RequestContext, @Args('assetId', { type: () => ID }) assetId: string): Promise<Booking[]> {
    return this.service.ofAsset(ctx, assetId);
  }

  @Roles('member', 'org-admin')
  @Mutation(() => Booking, { description: 'Books a slot: CONFIRMED at once unless the owner approves bookings (REQUESTED).' })
  requestBooking(@Ctx() ctx: RequestContext, @Args('input') input: BookSlotInput): Promise<Booking> {
    return this.service.request(ctx, input);
  }

  @Roles('org-admin', 'operator')
  @Mutation(() => Booking)
  approveBooking(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<Booking> {
    return this.service.approve(ctx, id);
  }

  @Roles('member', 'org-admin', 'operator')
  @Mutation(() => Booking, { description: 'Cancels; the freed slot goes to the oldest overlapping waitlist requests first.' })
  cancelBooking(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<Booking> {
    return this.service.cancel(ctx, id);
  }

  @Roles('org-admin', 'operator')
  @Mutation(() => Booking, { description: 'Records that a past confirmed booking took place.' })
  completeBooking(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<Booking> {
    return this.service.complete(ctx, id);
  }

  @Roles('member', 'org-admin')
  @Mutation(() => WaitlistEntry, { description: 'Queues for a taken slot.' })
  joinWaitlist(@Ctx() ctx: RequestContext, @Args('input') input: BookSlotInput): Promise<WaitlistEntry> {
    return this.service.joinWaitlist(ctx, input);
  }

  @Roles('member', 'org-admin')
  @Mutation(() => RescheduleAnswer, { description: 'Moves a booking to the nearest earlier free slot, or says at once there is none.' })
  bringBookingForward(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<RescheduleAnswer> {
    return this.service.bringForward(ctx, id);
  }

  @Roles('operator')
  @Mutation(() => Booking, { description: 'Operator override: moves a booking to another slot.' })
  overrideBookingSlot(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('startsAt') startsAt: Date,
    @Args('endsAt') endsAt: Date,
  ): Promise<Booking> {
    return this.service.operatorMove(ctx, id, startsAt, endsAt);
  }

  @ResolveField(() => OrganisationRef, { description: 'The organisation that booked, resolved by the directory.' })
  booker(@Parent() booking: Booking): OrganisationRef {
    return { id: booking.bookerOrganisationId };
  }

  /**
   * Same rule as `myBookings` and `assetBookings`: a booking is shown to the booker's organisation
   * and to the asset owner's, to nobody else, whoever reaches `_entities`.
   */
  @Public()
  @ResolveReference()
  async resolveReference(ref: { id: string }, gqlContext: SubgraphContext): Promise<Booking | null> {
    // No parameter decorators here on purpose: Nest then passes Apollo's (reference, context).
    const caller = await entityCaller(this.verifier, gqlContext);
    if (!caller?.organisationId) return null;
    const booking = await requestBatch(gqlContext, 'bookingById', (ids: string[]) => this.service.findByIds(ids)).load(ref.id);
    if (!booking) return null;
    return booking.bookerOrganisationId === caller.organisationId || booking.assetOrganisationId === caller.organisationId ? booking : null;
  }
}
