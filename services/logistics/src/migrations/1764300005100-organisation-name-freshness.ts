import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the copied legal name was true at the directory (the event's time), so a late
 * organisation-registered never overwrites a newer rename (decision 0050).
 */
export class OrganisationNameFreshness1764300005100 implements MigrationInterface {
  name = 'OrganisationNameFreshness1764300005100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE known_organisation ADD COLUMN legal_name_at timestamptz NOT NULL DEFAULT '-infinity'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE known_organisation DROP COLUMN legal_name_at`);
  }
}
