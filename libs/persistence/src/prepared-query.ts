import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** Statement names by text: hashing a long text on every call costs more than the lookup. */
const statementNames = new Map<string, string>();

/**
 * Runs a query as a named prepared statement, named after its text: each pooled connection parses
 * and plans it once, and PostgreSQL may then keep a generic plan (after five executions, when it
 * costs no more than the custom ones). For hot read queries whose text comes from a bounded set
 * of shapes, values always passed as parameters; planning can cost more than running them.
 * TypeORM's `query()` has no named statements, so this talks to the driver's pool.
 *
 * @example
 * const rows = await preparedQuery<{ id: string }>(ds, 'SELECT id FROM site WHERE organisation_id = $1', [organisationId]);
 */
export async function preparedQuery<T>(dataSource: DataSource, text: string, values: unknown[]): Promise<T[]> {
  let name = statementNames.get(text);
  if (!name) {
    // A bounded set of shapes is the contract; should a caller break it, forget rather than grow.
    if (statementNames.size >= 10_000) statementNames.clear();
    name = `rim_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  const { rows } = await (dataSource.driver as PostgresDriver).master.query({ name, text, values });
  return rows as T[];
}
