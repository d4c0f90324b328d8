import { Module } from '@nestjs/common';
import { ShipmentsModule } from '../shipments/shipments.module';
import { TripsModule } from '../trips/trips.module';
import { OrganisationRegisteredHandler } from './handlers/organisation-registered.handler';
import { OrganisationUpdatedHandler } from './handlers/organisation-updated.handler';
import { SiteAddedHandler } from './handlers/site-added.handler';
import { OrganisationLogisticsResolver } from './organisation-logistics.resolver';
import { OrganisationsResolver } from './organisations.resolver';

/** The directory's events kept as the local copy of organisations and sites; registered by the app module. */
export const ORGANISATION_EVENT_HANDLERS = [OrganisationRegisteredHandler, OrganisationUpdatedHandler, SiteAddedHandler];

/** Organisations and sites as logistics knows them, and what logistics adds to `Organisation`. */
@Module({
  imports: [TripsModule, ShipmentsModule],
  providers: [OrganisationsResolver, OrganisationLogisticsResolver],
})
export class OrganisationsModule {}
