import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ShipmentModel } from '../shipments/shipment.model';
import { DeliveriesService } from './deliveries.service';
import { DeliveryModel, deliveryModel } from './delivery.model';

/**
 * `Shipment.delivery`, resolved here rather than in the shipments resolver: deliveries build on
 * shipments (DeliveriesService uses ShipmentsService), so the field lives on this side to keep the
 * modules free of a cycle.
 */
@Resolver(() => ShipmentModel)
export class ShipmentDeliveryResolver {
  constructor(private readonly service: DeliveriesService) {}

  @ResolveField(() => DeliveryModel, { nullable: true, description: 'Proof of pickup and delivery, once the trip owner confirms them.' })
  async delivery(@Parent() shipment: ShipmentModel): Promise<DeliveryModel | null> {
    const d = await this.service.ofShipment(shipment.id);
    return d ? deliveryModel(d) : null;
  }
}
