import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { KAFKA_POM, KEYCLOAK_POM, pomProperty, portsFor, REALM_FILE } from '@rim/local-stack';

/**
 * The test infrastructure in containers, for machines with a Docker engine (see stack-choice.ts):
 * the images and settings of docker-compose.yml, on the test profile's host ports so that URLs and
 * the token issuer are those of the local stack. NOT exercised on the machines of this project:
 * they have no Docker engine, and the suites there run on the local stack.
 */
export interface ContainerStack {
  databaseUrl: string;
  kafkaBrokers: string;
  oidcIssuer: string;
  keycloakUrl: string;
  stop(): Promise<void>;
}

const ROOT = resolve(__dirname, '../../..');

export async function startContainerStack(topics: string[], log: (line: string) => void): Promise<ContainerStack> {
  const ports = portsFor('test');
  const started: StartedTestContainer[] = [];
  const stop = async () => {
    await Promise.allSettled(started.map((c) => c.stop()));
  };
  try {
    log('containers: postgres, kafka and keycloak');
    const [postgres, kafka, keycloak] = await Promise.all([
      new GenericContainer('postgres:17')
        .withEnvironment({ POSTGRES_USER: 'postgres', POSTGRES_PASSWORD: 'postgres', POSTGRES_DB: 'postgres', POSTGRES_INITDB_ARGS: '--encoding=UTF8 --locale=C' })
        .withCopyFilesToContainer([{ source: join(ROOT, 'infra/postgres/init.sql'), target: '/docker-entrypoint-initdb.d/10-databases.sql' }])
        .withCommand(['postgres', '-c', 'fsync=off'])
        .withExposedPorts({ container: 5432, host: ports.postgres })
        .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
        .start(),
      // KRaft single node; the host listener is advertised on the fixed host port
      new GenericContainer(`apache/kafka:${pomProperty(KAFKA_POM, 'kafka.version')}`)
        .withEnvironment({
          KAFKA_NODE_ID: '1',
          KAFKA_PROCESS_ROLES: 'broker,controller',
          KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
          KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093,HOST://:19092',
          KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://localhost:9092,HOST://127.0.0.1:${ports.kafka}`,
          KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,HOST:PLAINTEXT',
          KAFKA_INTER_BROKER_LISTENER_NAME: 'PLAINTEXT',
          KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
          KAFKA_NUM_PARTITIONS: '3',
          KAFKA_DEFAULT_REPLICATION_FACTOR: '1',
          KAFKA_MIN_INSYNC_REPLICAS: '1',
          KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
          KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
          KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
          KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: '1',
          KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: '1',
          KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
          KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
        })
        .withExposedPorts({ container: 19092, host: ports.kafka })
        .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
        .start(),
      new GenericContainer(`quay.io/keycloak/keycloak:${pomProperty(KEYCLOAK_POM, 'keycloak.version')}`)
        .withCommand([
          'start-dev', `--http-port=${ports.keycloak}`, `--hostname=http://127.0.0.1:${ports.keycloak}`,
          '--http-management-port=9000', '--health-enabled=true', '--import-realm', '--db=dev-mem',
        ])
        .withEnvironment({ KC_BOOTSTRAP_ADMIN_USERNAME: 'admin', KC_BOOTSTRAP_ADMIN_PASSWORD: 'admin' })
        .withCopyContentToContainer([{ content: readFileSync(REALM_FILE, 'utf8'), target: '/opt/keycloak/data/import/realm-marketplace.json' }])
        .withExposedPorts({ container: ports.keycloak, host: ports.keycloak }, { container: 9000, host: ports.keycloakManagement })
        .withWaitStrategy(Wait.forHttp('/health/ready', 9000).forStatusCode(200))
        .withStartupTimeout(180_000)
        .start(),
    ]);
    started.push(postgres, kafka, keycloak);
    const kafkaBrokers = `127.0.0.1:${ports.kafka}`;
    await createTopics(kafkaBrokers, topics);
    log(`containers: ready (${topics.length} topics and their .dlq)`);
    return {
      databaseUrl: `postgres://postgres:postgres@127.0.0.1:${ports.postgres}/postgres`,
      kafkaBrokers,
      oidcIssuer: `http://127.0.0.1:${ports.keycloak}/realms/marketplace`,
      keycloakUrl: `http://127.0.0.1:${ports.keycloak}`,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function createTopics(brokers: string, topics: string[]): Promise<void> {
  const { Kafka, logLevel } = await import('kafkajs');
  const admin = new Kafka({ clientId: 'container-stack', brokers: [brokers], logLevel: logLevel.WARN }).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.flatMap((t) => [t, `${t}.dlq`]).map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })),
    });
  } finally {
    await admin.disconnect();
  }
}
