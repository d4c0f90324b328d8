import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Organisations1763900000100 implements MigrationInterface {
  name = 'Organisations1763900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation (
        id uuid PRIMARY KEY,
        siren char(9) NOT NULL UNIQUE CHECK (siren ~ '^[0-9]{9}$'),
        legal_name text NOT NULL CHECK (length(legal_name) BETWEEN 2 AND 200),
        trading_name text,
        naf_code varchar(6) NOT NULL CHECK (naf_code ~ '^[0-9]{2}\\.[0-9]{2}[A-Z]$'),
        size_band text NOT NULL CHECK (size_band IN ('MICRO','SMALL','MEDIUM','INTERMEDIATE','LARGE')),
        tier smallint NOT NULL CHECK (tier BETWEEN 1 AND 3),
        description text,
        registered_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX organisation_legal_name ON organisation (lower(legal_name))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE organisation`);
  }
}
