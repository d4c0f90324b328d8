import { MESSAGING_MIGRATIONS } from '@rim/messaging';
import { Tendering1764400000100 } from './1764400000100-tendering';
import { PartnerSuggestions1764400000200 } from './1764400000200-partner-suggestions';
import { CapacityHolds1764600002000 } from './1764600002000-capacity-holds';

/** Every migration, in order, after the inbox and outbox tables; never edit one that has shipped, add the next. */
export const tenderingMigrations = [...MESSAGING_MIGRATIONS, Tendering1764400000100, PartnerSuggestions1764400000200, CapacityHolds1764600002000];
