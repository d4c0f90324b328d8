export * from './topics';
export * from './directory.topics';
export * from './gen/marketplace/directory/v1/organisation_pb';
export * from './gen/marketplace/directory/v1/site_pb';
export * from './gen/marketplace/directory/v1/capability_pb';
