import { Context, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Public, TokenVerifier } from '@rim/auth';
import { entityCaller, requestBatch, type SubgraphContext } from '@rim/service-kit';
import { shipmentModel, ShipmentModel } from '../shipments/shipment.model';
import { tripModel, TripModel } from '../trips/trip.model';
import { ShipmentsService } from '../shipments/shipments.service';
import { TripsService } from '../trips/trips.service';
import { OrganisationRef } from './organisation-ref.model';

/**
 * What logistics adds to an organisation. No root query lists another organisation's trips or
 * shipments, so neither does the graph: both fields answer the organisation's own members only
 * (`myTrips`' rule) and an empty list to anyone else, without a query.
 */
@Resolver(() => OrganisationRef)
export class OrganisationLogisticsResolver {
  constructor(
    private readonly tripsService: TripsService,
    private readonly shipmentsService: ShipmentsService,
    private readonly verifier: TokenVerifier,
  ) {}

  /** Only the key: the gateway asks the directory for the rest, under the directory's rules. */
  @Public()
  @ResolveReference()
  resolveReference(ref: { id: string }): OrganisationRef {
    return { id: ref.id };
  }

  @Public()
  @ResolveField(() => [TripModel], { description: 'Its trips not yet departed, soonest first; its own members only.' })
  async trips(@Context() gqlContext: SubgraphContext, @Parent() organisation: OrganisationRef): Promise<TripModel[]> {
    if ((await entityCaller(this.verifier, gqlContext))?.organisationId !== organisation.id) return [];
    const batch = requestBatch(gqlContext, 'tripsOfOrganisation', (ids: string[]) => this.tripsService.upcomingOf(ids));
    return ((await batch.load(organisation.id)) ?? []).map(tripModel);
  }

  @Public()
  @ResolveField(() => [ShipmentModel], { description: 'Its shipments no trip carries yet and still to pick up; its own members only.' })
  async openShipments(@Context() gqlContext: SubgraphContext, @Parent() organisation: OrganisationRef): Promise<ShipmentModel[]> {
    if ((await entityCaller(this.verifier, gqlContext))?.organisationId !== organisation.id) return [];
    const batch = requestBatch(gqlContext, 'openShipmentsOfOrganisation', (ids: string[]) => this.shipmentsService.openOf(ids));
    return ((await batch.load(organisation.id)) ?? []).map(shipmentModel);
  }
}
