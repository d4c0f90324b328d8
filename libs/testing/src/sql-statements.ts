import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/**
 * Hands every SQL statement TypeORM sends to Postgres to `seen`, for tests that count the
 * statements a request costs (no N+1). Undone by `jest.restoreAllMocks()`.
 *
 * @example
 * let statements: string[] = [];
 * beforeAll(() => recordSqlStatements((sql) => statements.push(sql)));
 * afterAll(() => jest.restoreAllMocks());
 */
export function recordSqlStatements(seen: (sql: string) => void): void {
  const original = PostgresQueryRunner.prototype.query;
  jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(function (this: PostgresQueryRunner, sql: string, ...rest: unknown[]) {
    seen(sql);
    return (original as (...args: unknown[]) => Promise<unknown>).call(this, sql, ...rest);
  } as typeof original);
}
