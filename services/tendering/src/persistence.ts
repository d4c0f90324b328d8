import { MESSAGING_MIGRATIONS } from '@rim/messaging';
import { Tendering1764400000100 } from './migrations/1764400000100-tendering';
import { PartnerSuggestions1764400000200 } from './migrations/1764400000200-partner-suggestions';
import { CapacityHolds1764600002000 } from './migrations/1764600002000-capacity-holds';

/**
 * The service reads and writes its tables with SQL (each statement states its own invariant, e.g.
 * a conditional status change), so it registers no entity of its own.
 */
export const tenderingEntities: Array<new () => unknown> = [];

/** Every migration, in order; never edit one that has shipped, add the next. */
export const tenderingMigrations = [...MESSAGING_MIGRATIONS, Tendering1764400000100, PartnerSuggestions1764400000200, CapacityHolds1764600002000];
