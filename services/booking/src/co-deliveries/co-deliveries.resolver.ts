import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Roles } from '@rim/auth';
import { Ctx, requestBatch, type RequestContext, type SubgraphContext } from '@rim/service-kit';
import { Booking } from '../bookings/booking.entity';
import { CoDeliveriesService } from './co-deliveries.service';
import { CoDeliveryRequest } from './co-delivery-request.entity';
import { AskCoDeliveryInput } from './dto/ask-co-delivery.input';

@Resolver(() => Booking)
export class CoDeliveriesResolver {
  constructor(private readonly service: CoDeliveriesService) {}

  @Roles('member', 'org-admin')
  @Mutation(() => Booking, {
    description:
      'Booker only, on a confirmed booking: asks for its output to be carried from the asset at the end of the booking; logistics then offers the matching trips (Booking.coDelivery).',
  })
  askCoDelivery(
    @Ctx() ctx: RequestContext,
    @Args('bookingId', { type: () => ID }) bookingId: string,
    @Args('input') input: AskCoDeliveryInput,
  ): Promise<Booking> {
    return this.service.ask(ctx, bookingId, input);
  }

  /** Whoever may see the booking may see what was asked (a Booking is only ever shown to its parties). */
  @ResolveField(() => CoDeliveryRequest, { nullable: true, description: 'The co-delivery asked for its output, if any.' })
  async coDeliveryRequest(@Context() gqlContext: SubgraphContext, @Parent() booking: Booking): Promise<CoDeliveryRequest | null> {
    const batch = requestBatch(gqlContext, 'coDeliveryOfBooking', (ids: string[]) => this.service.ofBookings(ids));
    return (await batch.load(booking.id)) ?? null;
  }
}
