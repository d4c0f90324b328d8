import { Args, Context, Int, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Public, TokenVerifier } from '@rim/auth';
import { BadInputError, entityCaller, requestBatch, type SubgraphContext } from '@rim/service-kit';
import { randomUUID } from 'node:crypto';
import { shipmentModel } from '../shipments/shipment.model';
import { tripMatchModel } from '../shipments/trip-match.model';
import { ShipmentsService } from '../shipments/shipments.service';
import { BookingRef } from './booking-ref.model';
import { CoDeliveryModel } from './co-delivery.model';

/**
 * `Booking.coDelivery`: the booker sees, from the booking itself, the shipment its co-delivery ask
 * became and the trips able to carry it. Same rule as `shipment(id)` and `matchTrips`: the
 * shipper's organisation only; anyone else gets null, without a query.
 */
@Resolver(() => BookingRef)
export class BookingCoDeliveryResolver {
  constructor(
    private readonly shipments: ShipmentsService,
    private readonly verifier: TokenVerifier,
  ) {}

  /** Only the key: booking resolves the booking under its own rules. */
  @Public()
  @ResolveReference()
  resolveReference(ref: { id: string }): BookingRef {
    return { id: ref.id };
  }

  @Public()
  @ResolveField(() => CoDeliveryModel, {
    nullable: true,
    description: 'The shipment made from askCoDelivery and the trips able to carry it; null until logistics has it, and for anyone but the booker.',
  })
  async coDelivery(
    @Context() gqlContext: SubgraphContext,
    @Parent() booking: BookingRef,
    @Args('first', { type: () => Int, defaultValue: 5 }) first: number,
  ): Promise<CoDeliveryModel | null> {
    if (first < 1 || first > 20) throw new BadInputError([{ field: 'first', reason: 'must be between 1 and 20' }]);
    const caller = await entityCaller(this.verifier, gqlContext);
    if (!caller?.organisationId) return null;
    const shipment = await requestBatch(gqlContext, 'shipmentOfBooking', (ids: string[]) => this.shipments.fromBookings(ids)).load(booking.id);
    if (!shipment || shipment.shipperOrganisationId !== caller.organisationId) return null;
    const matches = await this.shipments.matchTrips({ principal: caller, correlationId: randomUUID() }, shipment.id, first);
    return { shipment: shipmentModel(shipment), trips: matches.map(tripMatchModel) };
  }
}
