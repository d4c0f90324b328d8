import { forwardRef, Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { CoDeliveryRequestedHandler } from './handlers/co-delivery-requested.handler';
import { ShipmentsResolver } from './shipments.resolver';
import { ShipmentsService } from './shipments.service';

/** Events that become shipments; registered with the inbox consumer by the app module. */
export const SHIPMENT_EVENT_HANDLERS = [CoDeliveryRequestedHandler];

/** Goods producers want carried, the offers to carry them on trips, and their money and carbon account. */
@Module({
  imports: [forwardRef(() => DeliveriesModule)],
  providers: [ShipmentsService, ShipmentsResolver],
  exports: [ShipmentsService],
})
export class ShipmentsModule {}
