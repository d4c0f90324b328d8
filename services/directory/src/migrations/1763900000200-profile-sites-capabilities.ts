import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProfileSitesCapabilities1763900000200 implements MigrationInterface {
  name = 'ProfileSitesCapabilities1763900000200';

  async up(q: QueryRunner): Promise<void> {
    // btree_gist: exclusion constraints mixing = and && ; pg_trgm: substring search on names.
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      ALTER TABLE organisation
        ADD COLUMN know_how text,
        ADD COLUMN client_references text,
        ADD COLUMN description_visibility text NOT NULL DEFAULT 'PUBLIC' CHECK (description_visibility IN ('PUBLIC','MEMBERS','PARTNERS')),
        ADD COLUMN know_how_visibility text NOT NULL DEFAULT 'PARTNERS' CHECK (know_how_visibility IN ('PUBLIC','MEMBERS','PARTNERS')),
        ADD COLUMN client_references_visibility text NOT NULL DEFAULT 'PARTNERS' CHECK (client_references_visibility IN ('PUBLIC','MEMBERS','PARTNERS'))`);
    await q.query(
      `CREATE INDEX organisation_names_trgm ON organisation USING gin ((lower(legal_name || ' ' || coalesce(trading_name, ''))) gin_trgm_ops)`,
    );
    await q.query(`
      CREATE TABLE partner_access (
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        partner_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        granted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, partner_id)
      )`);
    await q.query(`
      CREATE TABLE site (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        siret char(14) NOT NULL UNIQUE CHECK (siret ~ '^[0-9]{14}$'),
        name text NOT NULL,
        address_line text NOT NULL,
        postcode varchar(5) NOT NULL,
        commune_insee varchar(5) NOT NULL,
        epci_siren varchar(9),
        departement varchar(3) NOT NULL,
        region varchar(2) NOT NULL,
        latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
        h3_r5 text NOT NULL,
        h3_r7 text NOT NULL,
        h3_r9 text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX site_organisation ON site (organisation_id)`);
    await q.query(`CREATE INDEX site_h3_r5 ON site (h3_r5)`);
    await q.query(`CREATE INDEX site_h3_r7 ON site (h3_r7)`);
    await q.query(`CREATE INDEX site_commune ON site (commune_insee)`);
    await q.query(`
      CREATE TABLE capability (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        site_id uuid NOT NULL REFERENCES site(id) ON DELETE CASCADE,
        process_code text NOT NULL,
        materials text[] NOT NULL DEFAULT '{}',
        certifications text[] NOT NULL DEFAULT '{}',
        min_batch int NOT NULL CHECK (min_batch >= 1),
        max_batch int NOT NULL CHECK (max_batch >= min_batch),
        lead_time_days int NOT NULL CHECK (lead_time_days >= 0),
        UNIQUE (site_id, process_code)
      )`);
    await q.query(`CREATE INDEX capability_process ON capability (process_code)`);
    await q.query(`CREATE INDEX capability_site ON capability (site_id)`);
    await q.query(`CREATE INDEX capability_materials ON capability USING gin (materials)`);
    await q.query(`CREATE INDEX capability_certifications ON capability USING gin (certifications)`);
    await q.query(`
      CREATE TABLE origin_label (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        label_code text NOT NULL,
        product text NOT NULL,
        french_cost_share_percent numeric(5,2) CHECK (french_cost_share_percent BETWEEN 0 AND 100),
        french_step_share_percent numeric(5,2) CHECK (french_step_share_percent BETWEEN 0 AND 100),
        awarded_on date,
        material_origin text NOT NULL,
        place_of_manufacture text NOT NULL,
        declared_at timestamptz NOT NULL DEFAULT now(),
        -- The rules are checked by the service with a clear message; these are the last line.
        CHECK (label_code <> 'origine-france-garantie' OR french_cost_share_percent >= 50),
        CHECK (label_code <> 'france-terre-textile' OR french_step_share_percent >= 75)
      )`);
    await q.query(`CREATE INDEX origin_label_org ON origin_label (organisation_id)`);
    await q.query(`CREATE INDEX origin_label_code ON origin_label (label_code)`);
    await q.query(`
      CREATE TABLE spare_capacity (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        site_id uuid NOT NULL REFERENCES site(id) ON DELETE CASCADE,
        process_code text NOT NULL,
        quantity numeric(12,2) NOT NULL CHECK (quantity > 0),
        unit text NOT NULL CHECK (unit IN ('HOURS','UNITS')),
        window_start timestamptz NOT NULL,
        window_end timestamptz NOT NULL CHECK (window_end > window_start),
        expires_at timestamptz NOT NULL,
        expired boolean NOT NULL DEFAULT false,
        declared_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT spare_capacity_no_overlap EXCLUDE USING gist (
          site_id WITH =, process_code WITH =, tstzrange(window_start, window_end) WITH &&
        ) WHERE (NOT expired)
      )`);
    await q.query(`CREATE INDEX spare_capacity_live ON spare_capacity (process_code, window_start, window_end) WHERE NOT expired`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['spare_capacity', 'origin_label', 'capability', 'site', 'partner_access']) await q.query(`DROP TABLE ${t}`);
    await q.query(`DROP INDEX organisation_names_trgm`);
    await q.query(`ALTER TABLE organisation DROP COLUMN know_how, DROP COLUMN client_references,
      DROP COLUMN description_visibility, DROP COLUMN know_how_visibility, DROP COLUMN client_references_visibility`);
  }
}
