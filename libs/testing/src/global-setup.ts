/* eslint-disable @nx/enforce-module-boundaries -- the local stack lives in infra/, outside any project */
import { ALL_TOPICS } from '../../contracts/src/topics';
import { installShutdownHooks, startLocalStack, type LocalStack } from '../../../infra/local/stack';
import { TEST_ENV } from './test-env';

declare global {
  var __RIM_STACK__: LocalStack | undefined;
}

/**
 * Jest global setup for integration and e2e suites. Uses the services named in the environment
 * (DATABASE_URL, KAFKA_BROKERS, OIDC_ISSUER) when all are set, otherwise starts the real local
 * stack (embedded Postgres, Kafka and Keycloak from Maven Central) on the test ports. It never
 * skips: if a service cannot be started the run fails with the component's log.
 */
export default async function globalSetup(): Promise<void> {
  const named = [TEST_ENV.databaseUrl, TEST_ENV.kafkaBrokers, TEST_ENV.oidcIssuer].filter(Boolean).length;
  if (named === 3) return;
  if (named > 0) {
    throw new Error(
      'integration tests: set all of DATABASE_URL, KAFKA_BROKERS and OIDC_ISSUER to use external services, or none to start the local stack',
    );
  }
  const started = Date.now();
  // Ctrl-C during a test run must not leave Kafka or Keycloak behind.
  installShutdownHooks((line) => process.stderr.write(`[stack] ${line}\n`));
  const stack = await startLocalStack({
    profile: 'test',
    topics: [...ALL_TOPICS],
    log: (line) => process.stderr.write(`[stack] ${line}\n`),
  });
  globalThis.__RIM_STACK__ = stack;
  process.env.DATABASE_URL = stack.postgres.urlFor('postgres');
  process.env.KAFKA_BROKERS = stack.kafka.brokers.join(',');
  process.env.OIDC_ISSUER = stack.keycloak.issuer;
  process.env.KEYCLOAK_URL = stack.keycloak.url;
  process.env.KAFKA_PID = String(stack.kafka.pid);
  process.stderr.write(`[stack] test stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
