import type { EntityManager } from 'typeorm';
import type { EventMetadata } from '@rim/messaging';

/** The fields of `organisation-registered` and `organisation-updated` a copy keeps. */
export interface OrganisationName {
  organisationId: string;
  legalName: string;
}

export interface OrganisationCopyOptions {
  /**
   * Whether the service's `known_organisation` has a `registered_at` column, set from the first
   * event seen and never changed (booking and logistics; tendering has none).
   */
  keepsRegistrationDate: boolean;
}

/** When the directory said it: the event's CloudEvents time, or now for an event without one. */
export function eventTime(meta: Pick<EventMetadata, 'time'>): Date {
  return meta.time ? new Date(meta.time) : new Date();
}

/**
 * Records the directory's legal name of an organisation in the service's `known_organisation`, as
 * of the event's time. Registered and updated events travel on different topics, so they may
 * arrive in either order: an older name never replaces a newer one (the `legal_name_at` guard),
 * and the registration date, where kept, is the first event's.
 *
 * @example
 * await rememberOrganisationName(tx, event, meta, { keepsRegistrationDate: true });
 */
export async function rememberOrganisationName(
  tx: EntityManager,
  name: OrganisationName,
  meta: Pick<EventMetadata, 'time'>,
  options: OrganisationCopyOptions,
): Promise<void> {
  const [columns, values] = options.keepsRegistrationDate
    ? ['id, legal_name, registered_at, legal_name_at', '$1, $2, $3, $3']
    : ['id, legal_name, legal_name_at', '$1, $2, $3'];
  await tx.query(
    `INSERT INTO known_organisation (${columns}) VALUES (${values})
     ON CONFLICT (id) DO UPDATE SET legal_name = EXCLUDED.legal_name, legal_name_at = EXCLUDED.legal_name_at
       WHERE known_organisation.legal_name_at <= EXCLUDED.legal_name_at`,
    [name.organisationId, name.legalName, eventTime(meta)],
  );
}
