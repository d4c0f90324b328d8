import { Args, Float, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Roles } from '@rim/auth';
import { BadInputError, Ctx, NotFoundError, type RequestContext } from '@rim/service-kit';
import { assertSameOrganisation } from '@rim/auth';
import { requireOrganisation } from '../common';
import { offerModel, shipmentModel, tripModel } from '../mappers';
import { OfferModel, ShipmentAccountModel, ShipmentModel, TripMatchModel } from '../models';
import { RequestShipmentInput } from './dto/request-shipment.input';
import { ShipmentsService } from './shipments.service';

@Resolver(() => ShipmentModel)
export class ShipmentsResolver {
  constructor(private readonly service: ShipmentsService) {}

  @Roles('member', 'buyer', 'carrier', 'org-admin')
  @Mutation(() => ShipmentModel, { description: 'Describes goods the caller organisation wants carried.' })
  async requestShipment(@Ctx() ctx: RequestContext, @Args('input') input: RequestShipmentInput): Promise<ShipmentModel> {
    return shipmentModel(await this.service.request(ctx, input));
  }

  @Roles('member', 'buyer', 'carrier', 'org-admin')
  @Mutation(() => OfferModel, { description: "Offers to ride a trip; the price defaults to the trip's rates." })
  async makeOffer(
    @Ctx() ctx: RequestContext,
    @Args('shipmentId', { type: () => ID }) shipmentId: string,
    @Args('tripId', { type: () => ID }) tripId: string,
    @Args('priceEur', { type: () => Float, nullable: true }) priceEur: number | null,
  ): Promise<OfferModel> {
    if (priceEur !== null && priceEur !== undefined && !(priceEur >= 0)) {
      throw new BadInputError([{ field: 'priceEur', reason: 'must not be negative' }]);
    }
    return offerModel(await this.service.makeOffer(ctx, shipmentId, tripId, priceEur ?? null));
  }

  @Roles('member', 'carrier', 'org-admin')
  @Mutation(() => OfferModel, { description: 'Trip owner only: reserves the space, or says which unit ran out.' })
  async acceptOffer(@Ctx() ctx: RequestContext, @Args('offerId', { type: () => ID }) offerId: string): Promise<OfferModel> {
    return offerModel(await this.service.acceptOffer(ctx, offerId));
  }

  @Roles('member', 'carrier', 'org-admin')
  @Mutation(() => OfferModel, { description: 'Trip owner only.' })
  async declineOffer(@Ctx() ctx: RequestContext, @Args('offerId', { type: () => ID }) offerId: string): Promise<OfferModel> {
    return offerModel(await this.service.declineOffer(ctx, offerId));
  }

  @Roles('member', 'carrier', 'org-admin')
  @Mutation(() => OfferModel, { description: 'Trip owner only: the goods arrived; publishes the carbon account.' })
  async confirmDelivery(@Ctx() ctx: RequestContext, @Args('offerId', { type: () => ID }) offerId: string): Promise<OfferModel> {
    return offerModel(await this.service.confirmDelivery(ctx, offerId));
  }

  @Roles('member', 'buyer', 'carrier', 'org-admin', 'operator')
  @Query(() => [TripMatchModel], { description: 'Open trips able to carry the shipment, least added detour first.' })
  async matchTrips(
    @Ctx() ctx: RequestContext,
    @Args('shipmentId', { type: () => ID }) shipmentId: string,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
  ): Promise<TripMatchModel[]> {
    if (first < 1 || first > 100) throw new BadInputError([{ field: 'first', reason: 'must be between 1 and 100' }]);
    const matches = await this.service.matchTrips(ctx, shipmentId, first);
    return matches.map((m) => ({
      trip: tripModel(m.trip),
      detourKm: m.detour.km,
      detourMinutes: m.detour.minutes,
      windowSlackMinutes: m.windowSlackMinutes,
      priceEur: m.priceEur,
      score: m.score,
    }));
  }

  @Roles('member', 'buyer', 'carrier', 'org-admin', 'operator')
  @Query(() => ShipmentModel, { nullable: true, description: "One of the caller organisation's shipments." })
  async shipment(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<ShipmentModel | null> {
    const principal = requireOrganisation(ctx);
    const s = await this.service.findShipment(id);
    if (!s) throw new NotFoundError('shipment', id);
    assertSameOrganisation(principal, s.shipperOrganisationId, `shipment ${id}`);
    return shipmentModel(s);
  }

  @ResolveField(() => ShipmentAccountModel, { nullable: true })
  async account(@Parent() shipment: ShipmentModel): Promise<ShipmentAccountModel | null> {
    const a = await this.service.account(shipment.id);
    if (!a) return null;
    return { ...a, costSharePercent: a.costShareOfValue * 100 };
  }

  @ResolveField(() => [OfferModel])
  async offers(@Parent() shipment: ShipmentModel): Promise<OfferModel[]> {
    return (await this.service.offersOfShipment(shipment.id)).map((o) => offerModel(o));
  }
}
