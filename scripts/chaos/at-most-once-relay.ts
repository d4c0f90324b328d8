/**
 * Negative control of the chaos suite, never used by a service: an at-most-once outbox relay. It
 * marks a batch published and commits that *before* sending it, and drops the batch if the send
 * fails, the mistake the real relay (libs/messaging OutboxRelay: publish, then mark, in one
 * transaction) exists to avoid. Run against the directory's outbox while the directory's own relay
 * cannot reach the broker, a broker restart makes it lose events, which the suite must count.
 *
 * Answers GET /healthz on CHAOS_RELAY_PORT once its producer is connected.
 */
import { createServer } from 'node:http';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';

const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set`);
  return value;
};

interface Row {
  topic: string;
  message_key: string;
  payload: Buffer;
  headers: Record<string, string>;
}

async function main(): Promise<void> {
  const db = new Client({ connectionString: need('CHAOS_OUTBOX_DATABASE_URL'), application_name: 'chaos-at-most-once-relay' });
  await db.connect();
  const kafka = new Kafka({
    clientId: 'chaos-at-most-once-relay',
    brokers: need('KAFKA_BROKERS').split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  let dropped = 0;
  createServer((_req, res) => res.writeHead(200).end(`ok, ${dropped} dropped`)).listen(Number(need('CHAOS_RELAY_PORT')), '127.0.0.1');

  for (;;) {
    const { rows } = await db.query<Row>(
      `UPDATE outbox_message SET published_at = now(), publish_attempts = publish_attempts + 1
        WHERE seq IN (SELECT seq FROM outbox_message WHERE published_at IS NULL ORDER BY seq LIMIT 100 FOR UPDATE SKIP LOCKED)
        RETURNING topic, message_key, payload, headers`,
    );
    if (rows.length === 0) {
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    try {
      await producer.sendBatch({
        acks: 1,
        topicMessages: rows.map((r) => ({ topic: r.topic, messages: [{ key: r.message_key, value: r.payload, headers: r.headers }] })),
      });
    } catch {
      // At most once: the rows are already marked, so these events are gone.
      dropped += rows.length;
    }
  }
}

main().catch((error: unknown) => {
  console.error(`at-most-once relay failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
