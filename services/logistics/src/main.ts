import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError } from '@rim/config';
import { writeSubgraphSchema } from '@rim/service-kit';
import { AppModule } from './app.module';
import { loadLogisticsConfig, type LogisticsConfig } from './logistics.config';

async function bootstrap(): Promise<void> {
  let config: LogisticsConfig;
  try {
    config = loadLogisticsConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: config.NODE_ENV === 'test' ? ['error', 'warn'] : ['log', 'error', 'warn'],
    bodyParser: true,
  });
  app.useBodyParser('json', { limit: '256kb' });
  app.enableShutdownHooks();
  await app.listen(config.LOGISTICS_PORT, config.HOST);
  // Development aid: keep the committed SDL in step with the code (checked by the tests).
  if (config.SCHEMA_FILE) writeSubgraphSchema(app, config.SCHEMA_FILE);
  console.log(`logistics listening on http://${config.HOST}:${config.LOGISTICS_PORT}/graphql`);
}

void bootstrap();
