import { Module } from '@nestjs/common';
import { HubsResolver } from './hubs.resolver';
import { HubsService } from './hubs.service';

/** Consolidation hubs shipments may be routed through. */
@Module({
  providers: [HubsService, HubsResolver],
})
export class HubsModule {}
