export { serviceDataSourceOptions, openAndMigrate, migratedDataSource, MIGRATION_LOCK_KEY } from './data-source';
export type { ServiceDataSourceOptions } from './data-source';
export { entityColumns, entityHydrator } from './entity-from-row';
export { preparedQuery } from './prepared-query';
