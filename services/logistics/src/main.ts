import { runService } from '@rim/service-kit';
import { AppModule } from './app.module';
import { loadLogisticsConfig } from './logistics.config';

void runService({
  name: 'logistics',
  loadConfig: () => loadLogisticsConfig(process.env),
  module: (config) => AppModule.forRoot(config),
  port: (config) => config.LOGISTICS_PORT,
});
