import { DataSource, DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

export interface ServiceDataSourceOptions {
  /** Postgres connection string of this service's own database. */
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Name shown in Postgres' pg_stat_activity, to tell services apart on a shared server. */
  applicationName: string;
  poolSize?: number;
}

/**
 * TypeORM options for one service's database. Schema changes only go through migrations:
 * `synchronize` is never set here.
 *
 * @example
 * const ds = new DataSource(serviceDataSourceOptions({ url, entities: [Organisation],
 *   migrations: [InitialSchema1732350000000], applicationName: 'directory' }));
 */
export function serviceDataSourceOptions(options: ServiceDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    applicationName: options.applicationName,
    extra: { max: options.poolSize ?? 10 },
    logging: ['error'],
  };
}

/**
 * Opens the data source and applies pending migrations, each in its own transaction.
 *
 * @example
 * const ds = await openAndMigrate(new DataSource(options));
 */
export async function openAndMigrate(dataSource: DataSource): Promise<DataSource> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
