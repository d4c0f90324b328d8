import { runService } from '@rim/service-kit';
import { AppModule } from './app.module';
import { loadTenderingConfig } from './tendering.config';

void runService({
  name: 'tendering',
  loadConfig: () => loadTenderingConfig(process.env),
  module: (config) => AppModule.forRoot(config),
  port: (config) => config.TENDERING_PORT,
});
