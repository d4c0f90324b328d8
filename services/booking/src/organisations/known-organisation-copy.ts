import type { EntityManager } from 'typeorm';

/**
 * Records the directory's legal name of an organisation as of `at` (the event's time). Registered
 * and updated events travel on different topics, so they may arrive in either order: an older
 * name never replaces a newer one, and the registration date is kept from the first event seen.
 */
export async function rememberOrganisationName(tx: EntityManager, id: string, legalName: string, at: Date): Promise<void> {
  await tx.query(
    `INSERT INTO known_organisation (id, legal_name, registered_at, legal_name_at) VALUES ($1, $2, $3, $3)
     ON CONFLICT (id) DO UPDATE SET legal_name = EXCLUDED.legal_name, legal_name_at = EXCLUDED.legal_name_at
       WHERE known_organisation.legal_name_at <= EXCLUDED.legal_name_at`,
    [id, legalName, at],
  );
}
