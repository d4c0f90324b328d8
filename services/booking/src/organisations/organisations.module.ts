import { Module } from '@nestjs/common';
import { AssetsModule } from '../assets/assets.module';
import { OrganisationRegisteredHandler } from './handlers/organisation-registered.handler';
import { OrganisationUpdatedHandler } from './handlers/organisation-updated.handler';
import { SiteAddedHandler } from './handlers/site-added.handler';
import { OrganisationAssetsResolver } from './organisation-assets.resolver';

/** The directory's events kept as the local copy of organisations and sites; registered by the app module. */
export const ORGANISATION_EVENT_HANDLERS = [OrganisationRegisteredHandler, OrganisationUpdatedHandler, SiteAddedHandler];

/** Organisations and sites as booking knows them, and what booking adds to `Organisation`. */
@Module({
  imports: [AssetsModule],
  providers: [OrganisationAssetsResolver],
})
export class OrganisationsModule {}
