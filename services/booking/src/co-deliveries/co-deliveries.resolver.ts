import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Roles } from '@rim/auth';
import { Ctx, requestBatch, type RequestContext, type SubgraphContext } from '@rim/service-kit';
import { BookingModel, bookingModel } from '../bookings/booking.model';
import { CoDeliveriesService } from './co-deliveries.service';
import { CoDeliveryRequestModel, coDeliveryRequestModel } from './co-delivery-request.model';
import { AskCoDeliveryInput } from './dto/ask-co-delivery.input';

/** What co-delivery adds to `Booking`: the ask, and `Booking.coDeliveryRequest`. */
@Resolver(() => BookingModel)
export class CoDeliveriesResolver {
  constructor(private readonly service: CoDeliveriesService) {}

  @Roles('member', 'org-admin')
  @Mutation(() => BookingModel, {
    description:
      'Booker only, on a confirmed booking: asks for its output to be carried from the asset at the end of the booking; logistics then offers the matching trips (Booking.coDelivery).',
  })
  async askCoDelivery(
    @Ctx() ctx: RequestContext,
    @Args('bookingId', { type: () => ID }) bookingId: string,
    @Args('input') input: AskCoDeliveryInput,
  ): Promise<BookingModel> {
    return bookingModel(await this.service.ask(ctx, bookingId, input));
  }

  /** Whoever may see the booking may see what was asked (a Booking is only ever shown to its parties). */
  @ResolveField(() => CoDeliveryRequestModel, { nullable: true, description: 'The co-delivery asked for its output, if any.' })
  async coDeliveryRequest(@Context() gqlContext: SubgraphContext, @Parent() booking: BookingModel): Promise<CoDeliveryRequestModel | null> {
    const batch = requestBatch(gqlContext, 'coDeliveryOfBooking', (ids: string[]) => this.service.ofBookings(ids));
    const request = await batch.load(booking.id);
    return request ? coDeliveryRequestModel(request) : null;
  }
}
