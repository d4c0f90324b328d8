import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, type ServiceConfig } from '@rim/config';
import { startInboxTransport } from '@rim/messaging';
import { writeSubgraphSchema } from './subgraph-schema';

export interface ServiceDefinition<C extends ServiceConfig> {
  name: string;
  /** Reads and validates the environment (the service's main.ts passes process.env). */
  loadConfig(): C;
  module(config: C): DynamicModule;
  port(config: C): number;
}

/**
 * The `main.ts` of every domain service: validated config (exit 78 with the list of variables to
 * set when it is wrong), the Nest app with a bounded JSON body and the inbox transport connected,
 * graceful shutdown, and the subgraph SDL written to SCHEMA_FILE when asked.
 *
 * @example
 * void runService({ name: 'booking', loadConfig: () => loadBookingConfig(process.env), module: AppModule.forRoot,
 *   port: (c) => c.BOOKING_PORT });
 */
export async function runService<C extends ServiceConfig>(service: ServiceDefinition<C>): Promise<void> {
  let config: C;
  try {
    config = service.loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await NestFactory.create<NestExpressApplication>(service.module(config), {
    logger: config.NODE_ENV === 'test' ? ['error', 'warn'] : ['log', 'error', 'warn'],
    bodyParser: true,
  });
  app.useBodyParser('json', { limit: '256kb' });
  app.enableShutdownHooks();
  const port = service.port(config);
  await app.listen(port, config.HOST);
  // The inbox consumer, as a hybrid microservice: Nest applies the @OnEvent handlers (decision 0027).
  await startInboxTransport(app);
  // Development aid: keep the committed SDL in step with the code (checked by the tests).
  if (config.SCHEMA_FILE) writeSubgraphSchema(app, config.SCHEMA_FILE);
  console.log(`${service.name} listening on http://${config.HOST}:${port}/graphql`);
}
