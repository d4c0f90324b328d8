import './schema-types';
import { Module, type DynamicModule } from '@nestjs/common';
import { serviceAppModule } from '@rim/service-kit';
import type { AtlasConfig } from './atlas.config';
import { AtlasModule } from './atlas.module';
import { atlasEntities } from './entities';
import { atlasMigrations } from './migrations';
import { ATLAS_HANDLERS } from './ingest/handlers';

@Module({})
export class AppModule {
  static forRoot(config: AtlasConfig): DynamicModule {
    return serviceAppModule({
      module: AppModule,
      config,
      database: {
        url: config.ATLAS_DATABASE_URL,
        entities: atlasEntities,
        migrations: atlasMigrations,
        applicationName: 'atlas',
      },
      messaging: { service: 'atlas', brokers: config.KAFKA_BROKERS, handlers: ATLAS_HANDLERS },
      feature: AtlasModule.forRoot(config),
    });
  }
}
