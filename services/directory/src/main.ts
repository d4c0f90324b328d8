import { runService } from '@rim/service-kit';
import { AppModule } from './app.module';
import { loadDirectoryConfig } from './directory.config';

void runService({
  name: 'directory',
  loadConfig: () => loadDirectoryConfig(process.env),
  module: (config) => AppModule.forRoot(config),
  port: (config) => config.DIRECTORY_PORT,
});
