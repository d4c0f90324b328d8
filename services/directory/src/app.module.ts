import './schema-types';
import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagingModule, messagingEntities } from '@rim/messaging';
import { migratedDataSource, serviceDataSourceOptions } from '@rim/persistence';
import { HealthController, SUBGRAPH_PROVIDERS, subgraphModules } from '@rim/service-kit';
import type { DirectoryConfig } from './directory.config';
import { DirectoryModule } from './directory.module';
import { directoryEntities } from './entities';
import { directoryMigrations } from './migrations';

@Module({})
export class AppModule {
  static forRoot(config: DirectoryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRootAsync(
          migratedDataSource({
            ...serviceDataSourceOptions({
              url: config.DIRECTORY_DATABASE_URL,
              entities: [...directoryEntities, ...messagingEntities],
              migrations: directoryMigrations,
              applicationName: 'directory',
            }),
          }),
        ),
        MessagingModule.forRoot({ service: 'directory', brokers: config.KAFKA_BROKERS }),
        ...subgraphModules(config),
        DirectoryModule.forRoot(config),
      ],
      controllers: [HealthController],
      providers: [...SUBGRAPH_PROVIDERS],
    };
  }
}
