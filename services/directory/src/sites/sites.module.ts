import { Module } from '@nestjs/common';
import { CapabilitiesResolver } from '../capabilities/capabilities.resolver';
import { CapabilitiesService } from '../capabilities/capabilities.service';
import { CapacityResolver } from '../capacity/capacity.resolver';
import { CapacityService } from '../capacity/capacity.service';
import { LabelsResolver } from '../labels/labels.resolver';
import { LabelsService } from '../labels/labels.service';
import { SiteReferenceResolver } from './site-reference.resolver';
import { SitesResolver } from './sites.resolver';
import { SitesService } from './sites.service';

/** Everything an organisation declares about where and what it makes. */
@Module({
  providers: [
    SitesResolver,
    SiteReferenceResolver,
    SitesService,
    CapabilitiesResolver,
    CapabilitiesService,
    LabelsResolver,
    LabelsService,
    CapacityResolver,
    CapacityService,
  ],
  exports: [CapacityService],
})
export class SitesModule {}
