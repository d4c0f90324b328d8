/**
 * The chaos suite's counting consumer, run as its own process so it can be killed with -9: every
 * `directory.capacity-declared.v1` it applies appends one row to `chaos_effect`, a table with no
 * unique key, so an effect applied twice is two rows and shows in the count.
 *
 *   CHAOS_EFFECT_MODE=inbox     the platform's InboxConsumer (libs/messaging): event id and effect
 *                               in one transaction, a redelivery finds the inbox row and does nothing.
 *   CHAOS_EFFECT_MODE=no-inbox  negative control: the same effect from a bare kafkajs consumer that
 *                               commits offsets every CHAOS_COMMIT_EVERY records (per partition), as a consumer
 *                               without an inbox typically does; a kill -9 between two commits
 *                               makes Kafka redeliver records whose effect is already written.
 *
 * Answers GET /healthz on CHAOS_EFFECT_PORT once it is in its group, so the service launcher and
 * the supervisor handle it like a service.
 */
import { createServer } from 'node:http';
import { fromBinary } from '@bufbuild/protobuf';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource, type EntityManager } from 'typeorm';
import { CapacityDeclaredSchema, Topic, type CapacityDeclared } from '@rim/contracts';
import { InboxConsumer, KafkaEventBus, MESSAGING_MIGRATIONS, messagingEntities, type IntegrationEventHandler } from '@rim/messaging';
import { openAndMigrate, serviceDataSourceOptions } from '@rim/persistence';

const env = (name: string, fallback?: string): string => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} must be set`);
  return value;
};

const mode = env('CHAOS_EFFECT_MODE', 'inbox');
const group = env('CHAOS_EFFECT_GROUP', `chaos-effect-${mode}`);
const brokers = env('KAFKA_BROKERS').split(',');
const port = Number(env('CHAOS_EFFECT_PORT'));
const commitEvery = Number(env('CHAOS_COMMIT_EVERY', '50'));

const EFFECT_TABLE = `CREATE TABLE IF NOT EXISTS chaos_effect (
  capacity_id uuid NOT NULL, consumer text NOT NULL, applied_at timestamptz NOT NULL DEFAULT clock_timestamp())`;
const EFFECT_INDEX = `CREATE INDEX IF NOT EXISTS chaos_effect_capacity ON chaos_effect (consumer, capacity_id)`;

async function applyEffect(tx: EntityManager | DataSource, capacityId: string): Promise<void> {
  await tx.query(`INSERT INTO chaos_effect (capacity_id, consumer) VALUES ($1, $2)`, [capacityId, group]);
}

class CountedEffect implements IntegrationEventHandler<typeof CapacityDeclaredSchema> {
  readonly topic = Topic.CapacityDeclared;
  readonly schema = CapacityDeclaredSchema;
  async handle(event: CapacityDeclared, _meta: unknown, tx: EntityManager): Promise<void> {
    await applyEffect(tx, event.capacityId);
  }
}

async function main(): Promise<void> {
  const dataSource = await openAndMigrate(
    new DataSource(
      serviceDataSourceOptions({
        url: env('CHAOS_DATABASE_URL'),
        entities: messagingEntities,
        migrations: MESSAGING_MIGRATIONS,
        applicationName: `chaos-effect-${mode}`,
      }),
    ),
  ).catch(async (error: unknown) => {
    // A second process racing the first on a fresh database: the tables are there now.
    if (!String(error).includes('already exists')) throw error;
    return new DataSource(
      serviceDataSourceOptions({ url: env('CHAOS_DATABASE_URL'), entities: messagingEntities, migrations: [], applicationName: `chaos-effect-${mode}` }),
    ).initialize();
  });
  await dataSource.query(EFFECT_TABLE);
  await dataSource.query(EFFECT_INDEX);

  let ready = (): boolean => false;
  if (mode === 'inbox') {
    const bus = new KafkaEventBus({ clientId: group, brokers });
    const inbox = new InboxConsumer(dataSource, bus, { consumer: group, handlers: [new CountedEffect()] });
    await inbox.start();
    ready = () => inbox.status().running;
  } else if (mode === 'no-inbox') {
    const kafka = new Kafka({ clientId: group, brokers, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: group, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
    await consumer.connect();
    // From the beginning when the group has no committed offset: a restart before the first
    // commit of a partition re-reads it (duplicates), where `latest` would skip it (losses, which
    // is what the first version of this control showed instead of its duplicates).
    await consumer.subscribe({ topics: [Topic.CapacityDeclared], fromBeginning: true });
    // Offsets are committed by hand every `commitEvery` records of a partition, after their
    // effects: what a consumer without an inbox does to avoid one commit per record. The records
    // of a partition since its last commit are delivered again after a kill -9, and their effects
    // applied again. (One counter for all partitions, as before, left most partitions with no
    // commit at all.)
    const sinceCommit = new Map<number, number>();
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        if (message.value) await applyEffect(dataSource, fromBinary(CapacityDeclaredSchema, message.value).capacityId);
        const n = (sinceCommit.get(partition) ?? 0) + 1;
        sinceCommit.set(partition, n % commitEvery);
        if (n >= commitEvery) await consumer.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);
      },
    });
    ready = () => joined;
  } else {
    throw new Error(`CHAOS_EFFECT_MODE must be inbox or no-inbox, not ${mode}`);
  }

  createServer((_req, res) => {
    const ok = ready();
    res.writeHead(ok ? 200 : 503).end(ok ? 'ok' : 'not in its group yet');
  }).listen(port, '127.0.0.1');
}

main().catch((error: unknown) => {
  console.error(`chaos effect consumer failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
