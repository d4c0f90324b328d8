import type { DataSource, EntityTarget } from 'typeorm';

/**
 * The select list of an entity's mapped columns under a table alias, each named `alias.column`, so
 * that one raw query can return several entities side by side for {@link entityFromRow}.
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
 * An entity built from a raw row (see {@link entityColumns}) with TypeORM's own column mapping and
 * the driver's conversions, as a repository would have built it. It lets one query return a page
 * and the records on it, where loading them through repositories costs more round trips.
 * JSON rows (`to_jsonb(o)`) work too, with an empty alias: their timestamps, ISO 8601 text, become
 * `Date`s.
 */
export function entityFromRow<T extends object>(dataSource: DataSource, target: EntityTarget<T>, row: Record<string, unknown>, alias = ''): T {
  const metadata = dataSource.getMetadata(target);
  const entity = metadata.create() as T;
  const prefix = alias ? `${alias}.` : '';
  for (const column of metadata.columns) {
    const raw = row[prefix + column.databaseName];
    const value = typeof raw === 'string' && isTimestamp(column.type) ? new Date(raw) : raw;
    column.setEntityValue(entity, dataSource.driver.prepareHydratedValue(value, column));
  }
  return entity;
}

function isTimestamp(type: unknown): boolean {
  return type === Date || (typeof type === 'string' && (type.startsWith('timestamp') || type === 'datetime'));
}
