import type { DataSource, EntityTarget } from 'typeorm';

/**
 * The select list of an entity's mapped columns under a table alias, each named `alias.column`, so
 * that one raw query can return several entities side by side for {@link entityHydrator}.
 *
 * @example
 * `SELECT ${entityColumns(ds, Organisation, 'o')}, ${entityColumns(ds, Site, 's')} FROM organisation o JOIN site s ...`
 */
export function entityColumns<T extends object>(dataSource: DataSource, target: EntityTarget<T>, alias: string): string {
  return dataSource
    .getMetadata(target)
    .columns.map((c) => `${alias}."${c.databaseName}" AS "${alias}.${c.databaseName}"`)
    .join(', ');
}

/**
 * Builds entities from raw rows (see {@link entityColumns}) with TypeORM's own column mapping and
 * the driver's conversions, as a repository would have built them. It lets one query return a
 * page and the records on it, where loading them through repositories costs more round trips.
 * The mapping is worked out once per hydrator, not per row. JSON rows (`to_jsonb(o)`) work too,
 * with no alias: their timestamps, ISO 8601 text, become `Date`s.
 */
export function entityHydrator<T extends object>(dataSource: DataSource, target: EntityTarget<T>, alias = ''): (row: Record<string, unknown>) => T {
  const metadata = dataSource.getMetadata(target);
  const prefix = alias ? `${alias}.` : '';
  const columns = metadata.columns.map((column) => ({ column, key: prefix + column.databaseName, timestamp: isTimestamp(column.type) }));
  return (row) => {
    const entity = metadata.create() as T;
    for (const { column, key, timestamp } of columns) {
      const raw = row[key];
      const value = timestamp && typeof raw === 'string' ? new Date(raw) : raw;
      column.setEntityValue(entity, dataSource.driver.prepareHydratedValue(value, column));
    }
    return entity;
  };
}

function isTimestamp(type: unknown): boolean {
  return type === Date || (typeof type === 'string' && (type.startsWith('timestamp') || type === 'datetime'));
}
