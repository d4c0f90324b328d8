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
 * The advisory lock key every replica of every service takes around its migrations. Advisory locks
 * are per database and each service has its own, so one constant serves them all.
 */
export const MIGRATION_LOCK_KEY = 7_346_201_001;

/**
 * Opens the data source and applies pending migrations, each in its own transaction, holding a
 * Postgres advisory lock meanwhile: replicas that boot together (a first rollout, a scale-up during
 * a release) take turns, and the later ones find nothing left to run. TypeORM takes no lock of its
 * own: two replicas would both run a pending migration, and one would crash on "already exists".
 *
 * @example
 * const ds = await openAndMigrate(new DataSource(options));
 */
export async function openAndMigrate(dataSource: DataSource): Promise<DataSource> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  // A session of its own holds the lock; the migrations run on the pool's connections.
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lockHolder.release();
  }
  return dataSource;
}

/**
 * `TypeOrmModule.forRootAsync` options for a service: the data source is opened and migrated under
 * the migration lock ({@link openAndMigrate}) before anything else of the app starts.
 *
 * @example
 * TypeOrmModule.forRootAsync(migratedDataSource(serviceDataSourceOptions({ url, entities, migrations, applicationName: 'atlas' })))
 */
export function migratedDataSource(options: DataSourceOptions): {
  useFactory: () => DataSourceOptions;
  dataSourceFactory: (options?: DataSourceOptions) => Promise<DataSource>;
} {
  return {
    useFactory: () => options,
    dataSourceFactory: async (resolved) => openAndMigrate(new DataSource(resolved ?? options)),
  };
}
