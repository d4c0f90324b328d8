import { MESSAGING_MIGRATIONS } from '@rim/messaging';
import { Organisations1763900000100 } from './1763900000100-organisations';
import { ProfileSitesCapabilities1763900000200 } from './1763900000200-profile-sites-capabilities';
import { NearestFirstSearch1763900000300 } from './1763900000300-nearest-first-search';
import { SiteSearchColumns1763900000400 } from './1763900000400-site-search-columns';
import { OrganisationNameSearch1763900000500 } from './1763900000500-organisation-name-search';
import { NameWordSearch1763900000600 } from './1763900000600-name-word-search';
import { SiteGeoCovering1763900000700 } from './1763900000700-site-geo-covering';
import { CommuneTextSearch1763900000800 } from './1763900000800-commune-text-search';

/** Every migration, in order; never edit one that has shipped, add the next. */
export const directoryMigrations = [
  ...MESSAGING_MIGRATIONS,
  Organisations1763900000100,
  ProfileSitesCapabilities1763900000200,
  NearestFirstSearch1763900000300,
  SiteSearchColumns1763900000400,
  OrganisationNameSearch1763900000500,
  NameWordSearch1763900000600,
  SiteGeoCovering1763900000700,
  CommuneTextSearch1763900000800,
];
