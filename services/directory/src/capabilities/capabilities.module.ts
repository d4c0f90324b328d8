import { Module } from '@nestjs/common';
import { CapabilitiesResolver } from './capabilities.resolver';
import { CapabilitiesService } from './capabilities.service';

/** What each site can make (processes, machines, tolerances), and the process taxonomy. */
@Module({ providers: [CapabilitiesResolver, CapabilitiesService] })
export class CapabilitiesModule {}
