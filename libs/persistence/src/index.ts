export { serviceDataSourceOptions, openAndMigrate } from './data-source';
export type { ServiceDataSourceOptions } from './data-source';
export { entityFromJson } from './entity-from-json';
