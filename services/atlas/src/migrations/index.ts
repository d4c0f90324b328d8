import { MESSAGING_MIGRATIONS } from '@rim/messaging';
import { AtlasReadModel1764400000100 } from './1764400000100-atlas-read-model';
import { AtlasTenderingAndPooling1764700000100 } from './1764700000100-atlas-tendering-and-pooling';

/** Every migration, in order, after the inbox and outbox tables; never edit one that has shipped, add the next. */
export const atlasMigrations = [...MESSAGING_MIGRATIONS, AtlasReadModel1764400000100, AtlasTenderingAndPooling1764700000100];
