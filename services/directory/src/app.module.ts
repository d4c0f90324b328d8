import './schema-types';
import { Module, type DynamicModule } from '@nestjs/common';
import { serviceAppModule } from '@rim/service-kit';
import type { DirectoryConfig } from './directory.config';
import { DirectoryModule } from './directory.module';
import { directoryEntities } from './entities';
import { directoryMigrations } from './migrations';

@Module({})
export class AppModule {
  static forRoot(config: DirectoryConfig): DynamicModule {
    return serviceAppModule({
      module: AppModule,
      config,
      database: {
        url: config.DIRECTORY_DATABASE_URL,
        entities: directoryEntities,
        migrations: directoryMigrations,
        applicationName: 'directory',
      },
      messaging: { service: 'directory', brokers: config.KAFKA_BROKERS },
      feature: DirectoryModule.forRoot(config),
    });
  }
}
