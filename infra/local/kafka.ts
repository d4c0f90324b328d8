/** Apache Kafka 4 in KRaft mode (broker and controller in one JVM), from Maven Central jars. */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { ensureKafkaLibs } from './downloads';
import { HOST, type ProfilePorts } from './profiles';
import { ComponentError, type Managed, portOpen, run, secs, spawnManaged, stopManaged, waitFor } from './processes';
import { createTopics } from './topics';

const KAFKA_LOG4J2 = `Configuration:
  status: warn
  Appenders:
    Console:
      name: STDOUT
      PatternLayout:
        pattern: "[%d] %p %m (%c)%n"
  Loggers:
    Root:
      level: INFO
      AppenderRef:
        - ref: STDOUT
    Logger:
      - name: org.apache.kafka
        level: WARN
      - name: state.change.logger
        level: WARN
      - name: kafka.request.logger
        level: WARN
`;

export function kafkaProperties(dataDir: string, port: number, controllerPort: number): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.bootstrap.servers=${HOST}:${controllerPort}`,
    `listeners=PLAINTEXT://${HOST}:${port},CONTROLLER://${HOST}:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://${HOST}:${port},CONTROLLER://${HOST}:${controllerPort}`,
    'inter.broker.listener.name=PLAINTEXT',
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${dataDir}`,
    'num.partitions=3',
    'default.replication.factor=1',
    'min.insync.replicas=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=3',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=3',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'auto.create.topics.enable=false',
    'group.initial.rebalance.delay.ms=0',
    'delete.topic.enable=true',
    '',
  ].join('\n');
}

export interface KafkaHandle {
  managed: Managed;
  brokers: string[];
}

export async function startKafka(stateDir: string, ports: ProfilePorts, topics: string[], log: (l: string) => void): Promise<KafkaHandle> {
  const t0 = Date.now();
  const logFile = path.join(stateDir, 'logs', 'kafka.log');
  const { version, libs } = await ensureKafkaLibs(log, logFile);
  const dir = path.join(stateDir, 'kafka');
  const dataDir = path.join(dir, 'data');
  await fsp.mkdir(dataDir, { recursive: true });
  const props = path.join(dir, 'server.properties');
  const log4j = path.join(dir, 'log4j2.yaml');
  await fsp.writeFile(props, kafkaProperties(dataDir, ports.kafka, ports.kafkaController));
  await fsp.writeFile(log4j, KAFKA_LOG4J2);
  const java = process.env.KAFKA_JAVA_HOME ? path.join(process.env.KAFKA_JAVA_HOME, 'bin', 'java') : 'java';
  const cp = `${libs}/*`;
  const jvm = ['-Xms128m', '-Xmx512m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', `-Dlog4j2.configurationFile=${log4j}`, '-Djava.awt.headless=true'];
  if (!fs.existsSync(path.join(dataDir, 'meta.properties'))) {
    // A base64url id may start with '-', which StorageTool then parses as an option: draw again.
    let clusterId = randomBytes(16).toString('base64url');
    while (clusterId.startsWith('-')) clusterId = randomBytes(16).toString('base64url');
    log(`kafka: formatting KRaft storage (cluster ${clusterId})...`);
    await run(java, [...jvm, '-cp', cp, 'kafka.tools.StorageTool', 'format', '--standalone', '--cluster-id', clusterId, '--config', props], {
      logFile,
    }).catch((e: unknown) => {
      throw new ComponentError('kafka', `storage format failed: ${String(e)}`, logFile);
    });
  }
  log(`kafka: starting ${version} (KRaft, ${HOST}:${ports.kafka})...`);
  const managed = spawnManaged('kafka', java, [...jvm, '-cp', cp, 'kafka.Kafka', props], { cwd: dir, env: process.env, logFile });
  const brokers = [`${HOST}:${ports.kafka}`];
  const fatal = () => (managed.exited ? `process ${managed.exitInfo}` : undefined);
  try {
    await waitFor(`TCP ${brokers[0]}`, () => portOpen(ports.kafka), 90_000, fatal);
    await createTopics(brokers, topics, stateDir, 60_000, fatal, log);
  } catch (e) {
    await stopManaged(managed);
    throw new ComponentError('kafka', (e as Error).message, logFile);
  }
  log(`kafka: ready in ${secs(t0)} on ${brokers[0]}`);
  return { managed, brokers };
}

