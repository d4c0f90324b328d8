import { Capability } from './capabilities/capability.entity';
import { SpareCapacity } from './capacity/spare-capacity.entity';
import { OriginLabel } from './labels/label.entity';
import { Organisation } from './organisations/organisation.entity';
import { PartnerAccess } from './organisations/partner-access.entity';
import { Site } from './sites/site.entity';

/** Every table of the service, for the app and for tests that open the database themselves. */
export const directoryEntities = [Organisation, PartnerAccess, Site, Capability, OriginLabel, SpareCapacity];
