/** Topics (each with its `.dlq`) and a warmed-up group coordinator, on our broker or any other. */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { waitFor } from './processes';

/** A topic with no data, used only to make a consumer group join at start-up. */
const WARM_UP_TOPIC = 'local-stack.warm-up';

export async function createTopics(
  brokers: string[],
  topics: string[],
  stateDir: string,
  timeoutMs: number,
  fatal: () => string | undefined,
  log: (l: string) => void,
): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Kafka, logLevel } = require('kafkajs') as typeof import('kafkajs');
  const clientLog = fs.createWriteStream(path.join(stateDir, 'logs', 'kafkajs-admin.log'), { flags: 'a' });
  const kafka = new Kafka({
    clientId: 'local-stack',
    brokers,
    logLevel: logLevel.WARN,
    logCreator: () => (e) => clientLog.write(`${e.log.timestamp} ${e.namespace} ${e.log.message}\n`),
    retry: { retries: 3, initialRetryTime: 200 },
  });
  const admin = kafka.admin();
  try {
    await waitFor(
      'the Kafka admin API (listTopics)',
      async () => {
        await admin.connect();
        await admin.listTopics();
        return true;
      },
      timeoutMs,
      fatal,
    );
    const wanted = [WARM_UP_TOPIC, ...topics.flatMap((t) => [t, `${t}.dlq`])];
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t));
    if (missing.length) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })),
      });
      log(`kafka: created ${missing.length} topic(s): ${missing.join(', ')}`);
    }
    await warmUpGroupCoordinator(kafka, timeoutMs, fatal);
  } finally {
    await admin.disconnect().catch(() => undefined);
    clientLog.end();
  }
}

/**
 * Joins a throwaway consumer group so that the broker creates and loads `__consumer_offsets`
 * before anyone else needs a group coordinator. On a fresh broker the first consumers otherwise
 * meet "the coordinator is loading" and crash-restart, which consumers running inside Jest's
 * sandbox do not survive.
 */
async function warmUpGroupCoordinator(
  kafka: import('kafkajs').Kafka,
  timeoutMs: number,
  fatal: () => string | undefined,
): Promise<void> {
  await waitFor(
    'a consumer group coordinator',
    async () => {
      const consumer = kafka.consumer({ groupId: 'local-stack-warm-up', sessionTimeout: 10_000, heartbeatInterval: 500 });
      try {
        await consumer.connect();
        await consumer.subscribe({ topics: [WARM_UP_TOPIC] });
        return await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), 15_000);
          consumer.on(consumer.events.GROUP_JOIN, () => {
            clearTimeout(timer);
            resolve(true);
          });
          consumer.on(consumer.events.CRASH, () => {
            clearTimeout(timer);
            resolve(false);
          });
          consumer.run({ eachMessage: async () => undefined }).catch(() => resolve(false));
        });
      } finally {
        await consumer.disconnect().catch(() => undefined);
      }
    },
    timeoutMs,
    fatal,
  );
}


/**
 * Creates the topics (and their `.dlq`) on a broker this script did not start, e.g. the
 * docker-compose Kafka, which has topic auto-creation off like ours. Idempotent.
 */
export async function ensureTopics(brokers: string[], topics: string[], log: (l: string) => void): Promise<void> {
  const stateDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'rim-topics-'));
  await fsp.mkdir(path.join(stateDir, 'logs'));
  try {
    await createTopics(brokers, topics, stateDir, 120_000, () => undefined, log);
  } finally {
    await fsp.rm(stateDir, { recursive: true, force: true });
  }
}
