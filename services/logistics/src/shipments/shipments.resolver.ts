import { forwardRef, Inject } from '@nestjs/common';
import { Args, Float, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Public, Roles, TokenVerifier } from '@rim/auth';
import { BadInputError, Ctx, entityCaller, NotFoundError, requestBatch, type RequestContext, type SubgraphContext } from '@rim/service-kit';
import { assertSameOrganisation } from '@rim/auth';
import { requireOrganisation } from '../common/principal';
import { offerModel, OfferModel } from './offer.model';
import { ShipmentModel, shipmentModel } from './shipment.model';
import { tripMatchModel, TripMatchModel } from './trip-match.model';
import { emissionFactorsNote } from '../carbon/carbon';
import type { LoadClass, TemperatureZone } from '../common/cargo.enums';
import { ShipmentAccountModel } from './shipment-account.model';
import { ShipmentSuggestionModel } from './shipment-suggestion.model';
import { OrganisationRef } from '../organisations/organisation-ref.model';
import { DeliveriesService } from '../deliveries/deliveries.service';
import { DeliveryModel, deliveryModel } from '../deliveries/delivery.model';
import { RequestShipmentInput } from './dto/request-shipment.input';
import { legEnd, quantitiesOf, ShipmentsService } from './shipments.service';

@Resolver(() => ShipmentModel)
export class ShipmentsResolver {
  constructor(
    private readonly service: ShipmentsService,
    // Deliveries build on shipments; the modules import each other through forwardRef.
    @Inject(forwardRef(() => DeliveriesService)) private readonly deliveries: DeliveriesService,
    private readonly verifier: TokenVerifier,
  ) {}

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

  @Roles('member', 'buyer', 'carrier', 'org-admin')
  @Mutation(() => ShipmentModel, { description: 'Shipper only, before acceptance: routes the shipment through a consolidation hub (null: direct again).' })
  async routeShipmentViaHub(
    @Ctx() ctx: RequestContext,
    @Args('shipmentId', { type: () => ID }) shipmentId: string,
    @Args('hubId', { type: () => ID, nullable: true }) hubId: string | null,
  ): Promise<ShipmentModel> {
    return shipmentModel(await this.service.routeViaHub(ctx, shipmentId, hubId ?? null));
  }

  @Roles('member', 'carrier', 'org-admin', 'operator')
  @Query(() => [ShipmentSuggestionModel], { description: "Trip owner only: open shipments along the trip's way, least added detour first." })
  async suggestShipments(
    @Ctx() ctx: RequestContext,
    @Args('tripId', { type: () => ID }) tripId: string,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
  ): Promise<ShipmentSuggestionModel[]> {
    if (first < 1 || first > 100) throw new BadInputError([{ field: 'first', reason: 'must be between 1 and 100' }]);
    const found = await this.service.suggestShipments(ctx, tripId, first);
    return found.map(({ shipment: s, ...m }) => ({
      shipmentId: s.id,
      pickup: s.pickup,
      dropoff: legEnd(s),
      pickupEarliest: s.pickupEarliest,
      pickupLatest: s.pickupLatest,
      dropoffEarliest: s.dropoffEarliest,
      dropoffLatest: s.dropoffLatest,
      quantities: quantitiesOf(s),
      temperatureZone: s.temperatureZone as TemperatureZone,
      loadClass: s.loadClass as LoadClass,
      detourKm: m.detour.km,
      detourMinutes: m.detour.minutes,
      windowSlackMinutes: m.windowSlackMinutes,
      priceEur: m.priceEur,
      score: m.score,
    }));
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
    return matches.map(tripMatchModel);
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

  @ResolveField(() => OrganisationRef, { description: 'The organisation that sends it, resolved by the directory.' })
  shipper(@Parent() shipment: ShipmentModel): OrganisationRef {
    return { id: shipment.shipperOrganisationId };
  }

  /** Same rule as `shipment(id)`: the shipper's own members only; anyone else gets null. */
  @Public()
  @ResolveReference()
  async resolveReference(ref: { id: string }, gqlContext: SubgraphContext): Promise<ShipmentModel | null> {
    // No parameter decorators here on purpose: Nest then passes Apollo's (reference, context).
    const caller = (await entityCaller(this.verifier, gqlContext))?.organisationId;
    if (!caller) return null;
    const s = await requestBatch(gqlContext, 'shipmentById', (ids: string[]) => this.service.findShipments(ids)).load(ref.id);
    return s && s.shipperOrganisationId === caller ? shipmentModel(s) : null;
  }

  @ResolveField(() => ShipmentAccountModel, { nullable: true })
  async account(@Parent() shipment: ShipmentModel): Promise<ShipmentAccountModel | null> {
    const a = await this.service.account(shipment.id);
    if (!a) return null;
    return { ...a, costSharePercent: a.costShareOfValue * 100, emissionFactorsNote: emissionFactorsNote() };
  }

  @ResolveField(() => DeliveryModel, { nullable: true, description: 'Proof of pickup and delivery, once the trip owner confirms them.' })
  async delivery(@Parent() shipment: ShipmentModel): Promise<DeliveryModel | null> {
    const d = await this.deliveries.ofShipment(shipment.id);
    return d ? deliveryModel(d) : null;
  }

  @ResolveField(() => [OfferModel])
  async offers(@Parent() shipment: ShipmentModel): Promise<OfferModel[]> {
    return (await this.service.offersOfShipment(shipment.id)).map((o) => offerModel(o));
  }
}
