import { Module } from '@nestjs/common';
import { CapabilitiesUpdatedHandler } from './handlers/capabilities-updated.handler';
import { OrganisationRegisteredHandler } from './handlers/organisation-registered.handler';
import { OrganisationUpdatedHandler } from './handlers/organisation-updated.handler';
import { OrganisationRefResolver } from './organisation-ref.resolver';

/**
 * The directory's events kept as tendering's copy of organisation names and declared processes
 * (`directory/`); registered with the inbox consumer by the app module.
 */
export const ORGANISATION_EVENT_HANDLERS = [OrganisationRegisteredHandler, OrganisationUpdatedHandler, CapabilitiesUpdatedHandler];

/** The directory's `Organisation` as tendering points at it: the key only. */
@Module({
  providers: [OrganisationRefResolver],
})
export class OrganisationsModule {}
