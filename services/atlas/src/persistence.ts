import { MESSAGING_MIGRATIONS } from '@rim/messaging';
import { AtlasReadModel1764400000100 } from './migrations/1764400000100-atlas-read-model';

/** Every migration, in order; never edit one that has shipped, add the next. */
export const atlasMigrations = [...MESSAGING_MIGRATIONS, AtlasReadModel1764400000100];
