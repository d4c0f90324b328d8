import type { DataSource, EntityTarget } from 'typeorm';

/**
 * An entity built from a row that SQL returned as JSON (`to_jsonb(o)`), with TypeORM's own column
 * mapping and the driver's conversions (timestamps back to `Date`). It lets one query return a page
 * and the records on it, where loading them through a repository would cost a second round trip.
 * Only the entity's mapped columns are read; other keys of the row are ignored.
 *
 * @example
 * const [{ page }] = await ds.query(`SELECT json_agg(to_jsonb(o)) AS page FROM organisation o WHERE ...`);
 * const organisations = page.map((row) => entityFromJson(ds, Organisation, row));
 */
export function entityFromJson<T extends object>(dataSource: DataSource, target: EntityTarget<T>, row: Record<string, unknown>): T {
  const metadata = dataSource.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    const raw = row[column.databaseName];
    // JSON has no timestamp type: `to_jsonb` gives ISO 8601 text, which the driver would have parsed.
    const value = typeof raw === 'string' && isTimestamp(column.type) ? new Date(raw) : raw;
    column.setEntityValue(entity, dataSource.driver.prepareHydratedValue(value, column));
  }
  return entity;
}

function isTimestamp(type: unknown): boolean {
  return type === Date || (typeof type === 'string' && (type.startsWith('timestamp') || type === 'datetime'));
}
