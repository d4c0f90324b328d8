export { serviceDataSourceOptions, openAndMigrate } from './data-source';
export type { ServiceDataSourceOptions } from './data-source';
