import {
  OrganisationRegisteredSchema,
  OrganisationUpdatedSchema,
} from './gen/marketplace/directory/v1/organisation_pb';

/** Topics owned by the directory service. */
export const DirectoryTopic = {
  OrganisationRegistered: 'directory.organisation-registered.v1',
  OrganisationUpdated: 'directory.organisation-updated.v1',
} as const;

export const DIRECTORY_TOPIC_SCHEMAS = {
  [DirectoryTopic.OrganisationRegistered]: OrganisationRegisteredSchema,
  [DirectoryTopic.OrganisationUpdated]: OrganisationUpdatedSchema,
} as const;
