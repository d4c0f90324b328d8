import { MessagingTables1763900000000 } from '@rim/messaging';
import { AtlasReadModel1764400000100 } from './migrations/1764400000100-atlas-read-model';

/** Every migration, in order; never edit one that has shipped, add the next. */
export const atlasMigrations = [MessagingTables1763900000000, AtlasReadModel1764400000100];
