export { rememberOrganisationName, eventTime, type OrganisationName, type OrganisationCopyOptions } from './organisation-name-copy';
export { knownSiteFields, type KnownSiteFields } from './site-copy';
