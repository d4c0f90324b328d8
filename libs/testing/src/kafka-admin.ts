import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { required } from './test-env';

/**
 * Creates a fresh topic and its dead-letter topic, so a test never reads another test's records.
 *
 * @example
 * const topic = await createTestTopic('inbox'); // 'test.inbox-3f2a….v1', plus '….v1.dlq'
 */
export async function createTestTopic(label: string, partitions = 1): Promise<string> {
  const topic = `test.${label}-${randomUUID().slice(0, 8)}.v1`;
  const kafka = new Kafka({ clientId: 'test-admin', brokers: required('KAFKA_BROKERS').split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [topic, `${topic}.dlq`].map((t) => ({ topic: t, numPartitions: partitions, replicationFactor: 1 })),
    });
  } finally {
    await admin.disconnect();
  }
  return topic;
}

/**
 * The broker's process id, for fault tests that freeze it (SIGSTOP) to play "broker down".
 * Only known when the test stack was started locally.
 */
export function kafkaPid(): number {
  const pid = Number(process.env.KAFKA_PID);
  if (!pid) {
    throw new Error('KAFKA_PID is not set: fault tests need the locally started test broker (unset KAFKA_BROKERS)');
  }
  return pid;
}
