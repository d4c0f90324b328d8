/**
 * Every TypeORM entity of the service, for the app and for tests that open the database themselves.
 * The atlas reads and writes its tables with SQL (facts in, published cells out), so it registers
 * no entity of its own.
 */
export const atlasEntities: Array<new () => unknown> = [];
