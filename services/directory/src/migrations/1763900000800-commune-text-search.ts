import type { MigrationInterface, QueryRunner } from 'typeorm';
import { referenceData } from '../reference/reference-data';

/**
 * The supplier search text also matches the commune of a site (issue 14: "voiron" or "clemenciat"
 * found nothing located there). Commune names come from the reference data (Etalab), copied into
 * `commune_name` so that the triggers keeping the search copies can use them whatever writes a site.
 * The words of the commune join the name's words, with the one definition (`name_search_text`):
 * - `site.search_name` (searches with a centre): the organisation's names and the site's own
 *   commune, so "voiron" near Grenoble finds organisations at their site in Voiron;
 * - `organisation_name` and `organisation_word` (searches without one): the names and the communes
 *   of all its sites, refreshed when a site is added, moved or removed.
 */
export class CommuneTextSearch1763900000800 implements MigrationInterface {
  name = 'CommuneTextSearch1763900000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE commune_name (insee varchar(5) PRIMARY KEY, name text NOT NULL)`);
    const communes = referenceData().allCommunes();
    await q.query(`INSERT INTO commune_name (insee, name) SELECT * FROM unnest($1::text[], $2::text[])`, [
      communes.map((c) => c.code),
      communes.map((c) => c.name),
    ]);
    // What a site adds to the searchable words of its organisation's names.
    await q.query(`
      CREATE FUNCTION site_search_text(legal_name text, trading_name text, commune_insee text) RETURNS text
        LANGUAGE sql STABLE PARALLEL SAFE
        RETURN name_search_text(legal_name, concat_ws(' ', trading_name, (SELECT c.name FROM commune_name c WHERE c.insee = commune_insee)))`);
    await q.query(`
      CREATE FUNCTION organisation_search_refresh(organisation uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        search text;
        legal text;
      BEGIN
        SELECT o.legal_name, name_search_text(o.legal_name, concat_ws(' ', o.trading_name,
                 (SELECT string_agg(DISTINCT c.name, ' ') FROM site s JOIN commune_name c ON c.insee = s.commune_insee WHERE s.organisation_id = o.id)))
          INTO legal, search FROM organisation o WHERE o.id = organisation;
        IF legal IS NULL THEN RETURN; END IF;
        INSERT INTO organisation_name (organisation_id, legal_name, search_name)
        VALUES (organisation, legal, search)
        ON CONFLICT (organisation_id) DO UPDATE SET legal_name = EXCLUDED.legal_name, search_name = EXCLUDED.search_name;
        DELETE FROM organisation_word WHERE organisation_id = organisation;
        INSERT INTO organisation_word (word, legal_name, organisation_id)
        SELECT DISTINCT w, legal, organisation FROM unnest(string_to_array(ltrim(search), ' ')) w WHERE w <> '';
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION organisation_name_upkeep() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM organisation_search_refresh(NEW.id);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION site_commune_upkeep() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN PERFORM organisation_search_refresh(OLD.organisation_id); END IF;
        IF TG_OP <> 'DELETE' THEN PERFORM organisation_search_refresh(NEW.organisation_id); END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER site_commune_search AFTER INSERT OR DELETE OR UPDATE OF commune_insee, organisation_id ON site
        FOR EACH ROW EXECUTE FUNCTION site_commune_upkeep()`);
    await q.query(`
      CREATE OR REPLACE FUNCTION site_search_name_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT site_search_text(o.legal_name, o.trading_name, NEW.commune_insee) INTO NEW.search_name FROM organisation o WHERE o.id = NEW.organisation_id;
        NEW.search_name := coalesce(NEW.search_name, '');
        RETURN NEW;
      END $$`);
    await q.query(`DROP TRIGGER site_search_name ON site`);
    await q.query(`
      CREATE TRIGGER site_search_name BEFORE INSERT OR UPDATE OF commune_insee, organisation_id ON site
        FOR EACH ROW EXECUTE FUNCTION site_search_name_on_insert()`);
    await q.query(`
      CREATE OR REPLACE FUNCTION site_search_name_on_rename() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE site SET search_name = site_search_text(NEW.legal_name, NEW.trading_name, commune_insee) WHERE organisation_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`UPDATE site s SET search_name = site_search_text(o.legal_name, o.trading_name, s.commune_insee) FROM organisation o WHERE o.id = s.organisation_id`);
    await q.query(`SELECT organisation_search_refresh(id) FROM organisation`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER site_commune_search ON site`);
    await q.query(`DROP TRIGGER site_search_name ON site`);
    await q.query(`CREATE TRIGGER site_search_name BEFORE INSERT ON site FOR EACH ROW EXECUTE FUNCTION site_search_name_on_insert()`);
    await q.query(`
      CREATE OR REPLACE FUNCTION site_search_name_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT name_search_text(o.legal_name, o.trading_name) INTO NEW.search_name FROM organisation o WHERE o.id = NEW.organisation_id;
        NEW.search_name := coalesce(NEW.search_name, '');
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION site_search_name_on_rename() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE site SET search_name = name_search_text(NEW.legal_name, NEW.trading_name) WHERE organisation_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`UPDATE site s SET search_name = name_search_text(o.legal_name, o.trading_name) FROM organisation o WHERE o.id = s.organisation_id`);
    await q.query(`
      CREATE OR REPLACE FUNCTION organisation_name_upkeep() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        search text := name_search_text(NEW.legal_name, NEW.trading_name);
      BEGIN
        INSERT INTO organisation_name (organisation_id, legal_name, search_name)
        VALUES (NEW.id, NEW.legal_name, search)
        ON CONFLICT (organisation_id) DO UPDATE SET legal_name = EXCLUDED.legal_name, search_name = EXCLUDED.search_name;
        DELETE FROM organisation_word WHERE organisation_id = NEW.id;
        INSERT INTO organisation_word (word, legal_name, organisation_id)
        SELECT DISTINCT w, NEW.legal_name, NEW.id FROM unnest(string_to_array(ltrim(search), ' ')) w WHERE w <> '';
        RETURN NULL;
      END $$`);
    await q.query(`DROP FUNCTION site_commune_upkeep(), organisation_search_refresh(uuid), site_search_text(text, text, text)`);
    await q.query(`DROP TABLE commune_name`);
  }
}
