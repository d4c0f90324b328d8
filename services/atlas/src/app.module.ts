import './schema-types';
import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagingModule, messagingEntities } from '@rim/messaging';
import { migratedDataSource, serviceDataSourceOptions } from '@rim/persistence';
import { HealthController, SUBGRAPH_PROVIDERS, subgraphModules } from '@rim/service-kit';
import type { AtlasConfig } from './atlas.config';
import { AtlasModule } from './atlas.module';
import { atlasEntities } from './entities';
import { ATLAS_HANDLERS } from './ingest/handlers';
import { atlasMigrations } from './migrations';

@Module({})
export class AppModule {
  static forRoot(config: AtlasConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRootAsync(
          migratedDataSource({
            ...serviceDataSourceOptions({
              url: config.ATLAS_DATABASE_URL,
              entities: [...atlasEntities, ...messagingEntities],
              migrations: atlasMigrations,
              applicationName: 'atlas',
            }),
          }),
        ),
        MessagingModule.forRoot({ service: 'atlas', brokers: config.KAFKA_BROKERS, handlers: ATLAS_HANDLERS }),
        ...subgraphModules(config),
        AtlasModule.forRoot(config),
      ],
      controllers: [HealthController],
      providers: [...SUBGRAPH_PROVIDERS],
    };
  }
}
