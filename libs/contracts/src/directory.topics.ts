import {
  CapabilitiesUpdatedSchema,
  CapacityDeclaredSchema,
  CapacityExpiredSchema,
  LabelDeclaredSchema,
} from './gen/marketplace/directory/v1/capability_pb';
import {
  OrganisationRegisteredSchema,
  OrganisationUpdatedSchema,
} from './gen/marketplace/directory/v1/organisation_pb';
import { SiteAddedSchema } from './gen/marketplace/directory/v1/site_pb';

/** Topics owned by the directory service. */
export const DirectoryTopic = {
  OrganisationRegistered: 'directory.organisation-registered.v1',
  OrganisationUpdated: 'directory.organisation-updated.v1',
  SiteAdded: 'directory.site-added.v1',
  CapabilitiesUpdated: 'directory.capabilities-updated.v1',
  CapacityDeclared: 'directory.capacity-declared.v1',
  CapacityExpired: 'directory.capacity-expired.v1',
  LabelDeclared: 'directory.label-declared.v1',
} as const;

export const DIRECTORY_TOPIC_SCHEMAS = {
  [DirectoryTopic.OrganisationRegistered]: OrganisationRegisteredSchema,
  [DirectoryTopic.OrganisationUpdated]: OrganisationUpdatedSchema,
  [DirectoryTopic.SiteAdded]: SiteAddedSchema,
  [DirectoryTopic.CapabilitiesUpdated]: CapabilitiesUpdatedSchema,
  [DirectoryTopic.CapacityDeclared]: CapacityDeclaredSchema,
  [DirectoryTopic.CapacityExpired]: CapacityExpiredSchema,
  [DirectoryTopic.LabelDeclared]: LabelDeclaredSchema,
} as const;
