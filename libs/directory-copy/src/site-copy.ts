import type { SiteAdded } from '@rim/contracts';

/** What every copy of a directory site keeps: whose it is, its name, and where it stands. */
export interface KnownSiteFields {
  id: string;
  organisationId: string;
  name: string;
  latitude: number | null;
  longitude: number | null;
}

/**
 * The fields of a `site-added` event every site copy keeps; a service adds the columns of its
 * own (booking its H3 cells, logistics and tendering the commune) from `event.location`.
 *
 * @example
 * await tx.upsert(KnownSite, { ...knownSiteFields(event), communeInsee: event.location?.communeInsee || null }, ['id']);
 */
export function knownSiteFields(event: SiteAdded): KnownSiteFields {
  return {
    id: event.siteId,
    organisationId: event.organisationId,
    name: event.name,
    latitude: event.location?.latitude ?? null,
    longitude: event.location?.longitude ?? null,
  };
}
