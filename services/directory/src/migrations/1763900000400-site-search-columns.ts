import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a nearest-first search filters on most, copied onto each site so that a site read from the
 * KNN window is kept or dropped without a join (issue 3, performance): its organisation's searchable
 * name (the same text as the `organisation_names_trgm` index) and the processes of its
 * capabilities. Triggers keep both in step with `organisation` and `capability`, whatever writes them.
 */
export class SiteSearchColumns1763900000400 implements MigrationInterface {
  name = 'SiteSearchColumns1763900000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE site ADD COLUMN search_name text NOT NULL DEFAULT '', ADD COLUMN process_codes text[] NOT NULL DEFAULT '{}'`);
    await q.query(`
      UPDATE site s SET search_name = lower(o.legal_name || ' ' || coalesce(o.trading_name, '')),
                        process_codes = coalesce((SELECT array_agg(DISTINCT c.process_code) FROM capability c WHERE c.site_id = s.id), '{}')
        FROM organisation o WHERE o.id = s.organisation_id`);
    await q.query(`
      CREATE FUNCTION site_search_name_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT lower(o.legal_name || ' ' || coalesce(o.trading_name, '')) INTO NEW.search_name FROM organisation o WHERE o.id = NEW.organisation_id;
        NEW.search_name := coalesce(NEW.search_name, '');
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER site_search_name BEFORE INSERT ON site FOR EACH ROW EXECUTE FUNCTION site_search_name_on_insert()`);
    await q.query(`
      CREATE FUNCTION site_search_name_on_rename() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE site SET search_name = lower(NEW.legal_name || ' ' || coalesce(NEW.trading_name, '')) WHERE organisation_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER organisation_renamed AFTER UPDATE OF legal_name, trading_name ON organisation
        FOR EACH ROW WHEN (OLD.legal_name IS DISTINCT FROM NEW.legal_name OR OLD.trading_name IS DISTINCT FROM NEW.trading_name)
        EXECUTE FUNCTION site_search_name_on_rename()`);
    await q.query(`
      CREATE FUNCTION site_process_codes_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE site s SET process_codes = coalesce((SELECT array_agg(DISTINCT c.process_code) FROM capability c WHERE c.site_id = s.id), '{}')
         WHERE s.id IN (SELECT site_id FROM changed);
        RETURN NULL;
      END $$`);
    // Statement triggers with transition tables: one refresh per statement, even for a bulk insert.
    for (const [event, table] of [['INSERT', 'NEW'], ['UPDATE', 'NEW'], ['DELETE', 'OLD']]) {
      await q.query(`
        CREATE TRIGGER capability_${event.toLowerCase()}_processes AFTER ${event} ON capability
          REFERENCING ${table} TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION site_process_codes_refresh()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const event of ['insert', 'update', 'delete']) await q.query(`DROP TRIGGER capability_${event}_processes ON capability`);
    await q.query(`DROP TRIGGER organisation_renamed ON organisation`);
    await q.query(`DROP TRIGGER site_search_name ON site`);
    await q.query(`DROP FUNCTION site_process_codes_refresh(), site_search_name_on_rename(), site_search_name_on_insert()`);
    await q.query(`ALTER TABLE site DROP COLUMN search_name, DROP COLUMN process_codes`);
  }
}
