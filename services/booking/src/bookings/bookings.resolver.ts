import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Public, Roles, TokenVerifier } from '@rim/auth';
import { Ctx, entityCaller, requestBatch, type RequestContext, type SubgraphContext } from '@rim/service-kit';
import { AssetsService } from '../assets/assets.service';
import { UtilisationModel } from '../assets/utilisation.model';
import { OrganisationRef } from '../organisations/organisation-ref.model';
import { BookingModel, bookingModel } from './booking.model';
import { BookingsService } from './bookings.service';
import { BookSlotInput } from './dto/book-slot.input';
import { FreeSlotsInput } from './dto/free-slots.input';
import { FreeSlotModel, freeSlotModel } from './free-slot.model';
import { RescheduleAnswerModel, rescheduleAnswerModel } from './reschedule-answer.model';
import { WaitlistEntryModel, waitlistEntryModel } from './waitlist-entry.model';

@Resolver(() => BookingModel)
export class BookingsResolver {
  constructor(
    private readonly service: BookingsService,
    private readonly assets: AssetsService,
    private readonly verifier: TokenVerifier,
  ) {}

  @Public()
  @Query(() => [FreeSlotModel], { description: 'What is free: gaps of the assets offering a process, in a window, near a place.' })
  async freeSlots(@Args('input') input: FreeSlotsInput): Promise<FreeSlotModel[]> {
    return (await this.service.freeSlots(input)).map(freeSlotModel);
  }

  @Public()
  @Query(() => UtilisationModel, { description: 'Booked hours over open hours of an asset.' })
  utilisation(
    @Args('assetId', { type: () => ID }) assetId: string,
    @Args('from') from: Date,
    @Args('to') to: Date,
  ): Promise<UtilisationModel> {
    return this.assets.utilisation(assetId, from, to);
  }

  @Roles('member', 'org-admin')
  @Query(() => [BookingModel], { description: "The caller organisation's bookings." })
  async myBookings(@Ctx() ctx: RequestContext): Promise<BookingModel[]> {
    return (await this.service.mine(ctx)).map(bookingModel);
  }

  @Roles('member', 'org-admin')
  @Query(() => [WaitlistEntryModel], { description: "The caller organisation's waitlist entries." })
  async myWaitlist(@Ctx() ctx: RequestContext): Promise<WaitlistEntryModel[]> {
    return (await this.service.waitlistOf(ctx)).map(waitlistEntryModel);
  }

  @Roles('org-admin', 'operator')
  @Query(() => [BookingModel], { description: 'Bookings of one of your assets.' })
  async assetBookings(@Ctx() ctx: RequestContext, @Args('assetId', { type: () => ID }) assetId: string): Promise<BookingModel[]> {
    return (await this.service.ofAsset(ctx, assetId)).map(bookingModel);
  }

  @Roles('member', 'org-admin')
  @Mutation(() => BookingModel, { description: 'Books a slot: CONFIRMED at once unless the owner approves bookings (REQUESTED).' })
  async requestBooking(@Ctx() ctx: RequestContext, @Args('input') input: BookSlotInput): Promise<BookingModel> {
    return bookingModel(await this.service.request(ctx, input));
  }

  @Roles('org-admin', 'operator')
  @Mutation(() => BookingModel)
  async approveBooking(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<BookingModel> {
    return bookingModel(await this.service.approve(ctx, id));
  }

  @Roles('member', 'org-admin', 'operator')
  @Mutation(() => BookingModel, { description: 'Cancels; the freed slot goes to the oldest overlapping waitlist requests first.' })
  async cancelBooking(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<BookingModel> {
    return bookingModel(await this.service.cancel(ctx, id));
  }

  @Roles('org-admin', 'operator')
  @Mutation(() => BookingModel, { description: 'Records that a past confirmed booking took place.' })
  async completeBooking(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<BookingModel> {
    return bookingModel(await this.service.complete(ctx, id));
  }

  @Roles('member', 'org-admin')
  @Mutation(() => WaitlistEntryModel, { description: 'Queues for a taken slot.' })
  async joinWaitlist(@Ctx() ctx: RequestContext, @Args('input') input: BookSlotInput): Promise<WaitlistEntryModel> {
    return waitlistEntryModel(await this.service.joinWaitlist(ctx, input));
  }

  @Roles('member', 'org-admin')
  @Mutation(() => RescheduleAnswerModel, { description: 'Moves a booking to the nearest earlier free slot, or says at once there is none.' })
  async bringBookingForward(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<RescheduleAnswerModel> {
    return rescheduleAnswerModel(await this.service.bringForward(ctx, id));
  }

  @Roles('operator')
  @Mutation(() => BookingModel, { description: 'Operator override: moves a booking to another slot.' })
  async overrideBookingSlot(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('startsAt') startsAt: Date,
    @Args('endsAt') endsAt: Date,
  ): Promise<BookingModel> {
    return bookingModel(await this.service.operatorMove(ctx, id, startsAt, endsAt));
  }

  @ResolveField(() => OrganisationRef, { description: 'The organisation that booked, resolved by the directory.' })
  booker(@Parent() booking: BookingModel): OrganisationRef {
    return { id: booking.bookerOrganisationId };
  }

  /**
   * Same rule as `myBookings` and `assetBookings`: a booking is shown to the booker's organisation
   * and to the asset owner's, to nobody else, whoever reaches `_entities`.
   */
  @Public()
  @ResolveReference()
  async resolveReference(ref: { id: string }, gqlContext: SubgraphContext): Promise<BookingModel | null> {
    // No parameter decorators here on purpose: Nest then passes Apollo's (reference, context).
    const caller = await entityCaller(this.verifier, gqlContext);
    if (!caller?.organisationId) return null;
    const booking = await requestBatch(gqlContext, 'bookingById', (ids: string[]) => this.service.findByIds(ids)).load(ref.id);
    if (!booking) return null;
    return booking.bookerOrganisationId === caller.organisationId || booking.assetOrganisationId === caller.organisationId ? bookingModel(booking) : null;
  }
}
