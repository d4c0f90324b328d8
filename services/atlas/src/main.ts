import { runService } from '@rim/service-kit';
import { AppModule } from './app.module';
import { loadAtlasConfig } from './atlas.config';

void runService({
  name: 'atlas',
  loadConfig: () => loadAtlasConfig(process.env),
  module: (config) => AppModule.forRoot(config),
  port: (config) => config.ATLAS_PORT,
});
