import { forwardRef, Module } from '@nestjs/common';
import { ShipmentsModule } from '../shipments/shipments.module';
import { DeliveriesResolver } from './deliveries.resolver';
import { DeliveriesService } from './deliveries.service';

/** Proof of pickup and of delivery of an accepted shipment, with damage noted on receipt. */
@Module({
  // Shipments resolve `Shipment.delivery` through DeliveriesService, deliveries use ShipmentsService.
  imports: [forwardRef(() => ShipmentsModule)],
  providers: [DeliveriesService, DeliveriesResolver],
  exports: [DeliveriesService],
})
export class DeliveriesModule {}
