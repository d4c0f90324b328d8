import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError } from '@rim/config';
import { writeSubgraphSchema } from '@rim/service-kit';
import { AppModule } from './app.module';
import { loadBookingConfig, type BookingConfig } from './booking.config';

async function bootstrap(): Promise<void> {
  let config: BookingConfig;
  try {
    config = loadBookingConfig(process.env);
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
  await app.listen(config.BOOKING_PORT, config.HOST);
  // Development aid: keep the committed SDL in step with the code (checked by the tests).
  if (config.SCHEMA_FILE) writeSubgraphSchema(app, config.SCHEMA_FILE);
  console.log(`booking listening on http://${config.HOST}:${config.BOOKING_PORT}/graphql`);
}

void bootstrap();
