import type { EntityManager } from 'typeorm';

/** Records the directory's legal name as of the event's time; an older event never overwrites a newer name. */
export async function rememberOrganisationName(tx: EntityManager, id: string, legalName: string, at: Date): Promise<void> {
  await tx.query(
    `INSERT INTO known_organisation (id, legal_name, legal_name_at) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET legal_name = EXCLUDED.legal_name, legal_name_at = EXCLUDED.legal_name_at
       WHERE known_organisation.legal_name_at <= EXCLUDED.legal_name_at`,
    [id, legalName, at],
  );
}
