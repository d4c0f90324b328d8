import { ALL_TOPICS } from '@rim/contracts';
import { installShutdownHooks, startLocalStack, type LocalStack } from '@rim/local-stack';
import { chooseStack, dockerEndpoint, dockerEngineAnswers } from './stack-choice';

declare global {
  var __RIM_STACK__: Pick<LocalStack, 'stop'> | undefined;
}

/**
 * Jest global setup for integration and e2e suites. Uses the services named in the environment
 * (DATABASE_URL, KAFKA_BROKERS, OIDC_ISSUER) when all are set; otherwise starts Postgres, Kafka
 * and Keycloak in containers if a Docker engine answers (Testcontainers), or else the real local
 * stack (embedded Postgres, Kafka and Keycloak from Maven Central) on the test ports; see
 * stack-choice.ts. It never skips: if a service cannot be started the run fails with its log.
 */
export default async function globalSetup(): Promise<void> {
  const choice = await chooseStack(process.env, () => dockerEngineAnswers(dockerEndpoint(process.env)));
  if (choice === 'external') return;
  const started = Date.now();
  if (choice === 'containers') {
    const { startContainerStack } = await import('./container-stack');
    const containers = await startContainerStack([...ALL_TOPICS], (line) => process.stderr.write(`[stack] ${line}\n`));
    globalThis.__RIM_STACK__ = containers;
    process.env.DATABASE_URL = containers.databaseUrl;
    process.env.KAFKA_BROKERS = containers.kafkaBrokers;
    process.env.OIDC_ISSUER = containers.oidcIssuer;
    process.env.KEYCLOAK_URL = containers.keycloakUrl;
    // no KAFKA_PID: the suites that freeze the broker refuse to run, as against any external broker
    process.stderr.write(`[stack] containers ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return;
  }
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
