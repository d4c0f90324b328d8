/**
 * Every TypeORM entity of the service, for the app and for tests that open the database themselves.
 * Tendering reads and writes its tables with SQL (each statement states its own invariant, e.g. a
 * conditional status change), so it registers no entity of its own.
 */
export const tenderingEntities: Array<new () => unknown> = [];
