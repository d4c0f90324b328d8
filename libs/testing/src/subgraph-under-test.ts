import type { DynamicModule, INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { createScratchDatabase } from './scratch-database';
import { required } from './test-env';

/** A service's Nest app serving its subgraph on a free port, on a scratch database of its own. */
export interface SubgraphUnderTest {
  app: NestExpressApplication;
  /** The subgraph's `/graphql` URL. */
  url: string;
  dataSource: DataSource;
  /** Closes the app, then drops its scratch database. */
  stop(): Promise<void>;
}

/**
 * What a service's config loader needs in a test: its scratch database, the test broker and realm.
 *
 * @example
 * loadBookingConfig(serviceTestEnv('booking', databaseUrl))
 */
export function serviceTestEnv(service: string, databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    [`${service.toUpperCase()}_DATABASE_URL`]: databaseUrl,
    KAFKA_BROKERS: required('KAFKA_BROKERS'),
    OIDC_ISSUER: required('OIDC_ISSUER'),
    ...extra,
  };
}

/**
 * `INBOX_TRANSPORT_TOKEN` of `@rim/messaging`, by name: that library's own suites use this one, and
 * the boundary rule refuses the cycle an import would make. Renamed there, every service's event
 * suite here stops consuming and fails.
 */
const INBOX_TRANSPORT_TOKEN = 'InboxTransport';

/** What `startInboxTransport` of `@rim/messaging` does in `runService`: the inbox as a hybrid microservice. */
async function startInboxTransport(app: INestApplication): Promise<void> {
  let strategy: CustomTransportStrategy;
  try {
    strategy = app.get<string, CustomTransportStrategy>(INBOX_TRANSPORT_TOKEN, { strict: false });
  } catch {
    return; // no MessagingModule: nothing to consume
  }
  app.connectMicroservice({ strategy }, { inheritAppConfig: false });
  await app.startAllMicroservices();
}

/**
 * Boots a service as its integration tests see it: a scratch database, the app module built for
 * it (migrations run at boot), listening on 127.0.0.1 on a free port, its inbox transport connected.
 *
 * @example
 * const booking = await startSubgraphUnderTest('booking_rules', (url) => AppModule.forRoot(loadBookingConfig(serviceTestEnv('booking', url))));
 * afterAll(() => booking?.stop());
 */
export async function startSubgraphUnderTest(
  label: string,
  moduleFor: (databaseUrl: string) => DynamicModule,
  logger: LogLevel[] = ['error'],
): Promise<SubgraphUnderTest> {
  const db = await createScratchDatabase(label);
  let app: NestExpressApplication | undefined;
  try {
    app = await NestFactory.create<NestExpressApplication>(moduleFor(db.url), { logger });
    await app.listen(0, '127.0.0.1');
    await startInboxTransport(app);
    const running = app;
    return {
      app: running,
      url: `${await running.getUrl()}/graphql`.replace('[::1]', '127.0.0.1'),
      dataSource: running.get(DataSource),
      stop: async () => {
        await running.close();
        await db.drop();
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await db.drop();
    throw error;
  }
}
