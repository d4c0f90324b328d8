import { Module } from '@nestjs/common';
import { ShipmentsModule } from '../shipments/shipments.module';
import { DeliveriesResolver } from './deliveries.resolver';
import { DeliveriesService } from './deliveries.service';
import { ShipmentDeliveryResolver } from './shipment-delivery.resolver';

/** Proof of pickup and of delivery of an accepted shipment, with damage noted on receipt. */
@Module({
  imports: [ShipmentsModule],
  providers: [DeliveriesService, DeliveriesResolver, ShipmentDeliveryResolver],
})
export class DeliveriesModule {}
