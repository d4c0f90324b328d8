/**
 * Events per second through the outbox relay, for docs/scaling.md. Runs against an existing stack
 * (DATABASE_URL and KAFKA_BROKERS, e.g. `source /tmp/shared-stack/env`), in a scratch database and
 * a fresh test topic, so it touches nobody else's data:
 *
 *   node -r @swc-node/register bench/standalone/relay-throughput.ts [events=5000] [relays=1,2,4]
 *
 * For each relay count it records `events` rows (100 per transaction), then times the relays
 * draining them concurrently (FOR UPDATE SKIP LOCKED shares the rows out), and checks that every
 * row was published exactly once in the outbox. Then one inbox consumer (the service's consumer
 * group, one instance) reads everything published, each event in its own transaction with its
 * inbox row, as a service does, and the time until the last inbox row is reported.
 */
import { DataSource } from 'typeorm';
import { OrganisationRegisteredSchema } from '@rim/contracts';
import {
  InboxConsumer, KafkaEventBus, MessagingTables1763900000000, OutboxRelay, OutboxWriter, messagingEntities, newTrace,
} from '@rim/messaging';
import { createScratchDatabase, createTestTopic, required } from '@rim/testing';

async function main(): Promise<void> {
  const events = Number(process.argv[2] ?? 5000);
  const relayCounts = (process.argv[3] ?? '1,2,4').split(',').map(Number);
  const db = await createScratchDatabase('bench_relay');
  const dataSource = new DataSource({ type: 'postgres', url: db.url, entities: messagingEntities, migrations: [MessagingTables1763900000000], logging: ['error'], extra: { max: 20 } });
  await dataSource.initialize();
  await dataSource.runMigrations();
  const topic = await createTestTopic('bench-relay', 12);
  const buses: KafkaEventBus[] = [];
  try {
    console.log(`| relays | events | seconds | events/s |\n|---|---|---|---|`);
    for (const relays of relayCounts) {
      const outbox = new OutboxWriter('bench');
      for (let i = 0; i < events; i += 100) {
        await dataSource.transaction(async (tx) => {
          for (let j = i; j < Math.min(i + 100, events); j++) {
            const key = `00000000-0000-4000-8000-${String(j).padStart(12, '0')}`;
            await outbox.record(tx, {
              topic, key, schema: OrganisationRegisteredSchema, trace: newTrace(),
              message: { organisationId: key, siren: '732829320', legalName: `Bench ${j}`, nafCode: '25.62B', tier: 2 },
            });
          }
        });
      }
      const workers = Array.from({ length: relays }, (_, n) => {
        const bus = new KafkaEventBus({ clientId: `bench-relay-${relays}-${n}`, brokers: required('KAFKA_BROKERS').split(',') });
        buses.push(bus);
        return new OutboxRelay(dataSource, bus);
      });
      const started = process.hrtime.bigint();
      const published = await Promise.all(workers.map((w) => w.drain()));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const total = published.reduce((a, b) => a + b, 0);
      const [{ unpublished }] = (await dataSource.query(`SELECT count(*)::int AS unpublished FROM outbox_message WHERE published_at IS NULL`)) as Array<{ unpublished: number }>;
      if (total !== events || unpublished !== 0) throw new Error(`published ${total} of ${events}, ${unpublished} left`);
      console.log(`| ${relays} | ${events} | ${seconds.toFixed(2)} | ${Math.round(events / seconds)} |`);
    }
    const expected = events * relayCounts.length;
    const bus = new KafkaEventBus({ clientId: 'bench-inbox', brokers: required('KAFKA_BROKERS').split(',') });
    buses.push(bus);
    const inbox = new InboxConsumer(dataSource, bus, {
      consumer: 'bench-inbox',
      handlers: [{ topic, schema: OrganisationRegisteredSchema, handle: async () => undefined }],
    });
    const started = process.hrtime.bigint();
    await inbox.start();
    const count = async () =>
      ((await dataSource.query(`SELECT count(*)::int AS n FROM inbox_message`)) as Array<{ n: number }>)[0].n;
    while ((await count()) < expected) {
      if (Number(process.hrtime.bigint() - started) / 1e9 > 300) throw new Error(`inbox: ${await count()} of ${expected} after 300 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await inbox.stop();
    console.log(`\none inbox consumer (group join included): ${expected} events in ${seconds.toFixed(1)} s, ${Math.round(expected / seconds)} events/s`);
  } finally {
    await Promise.allSettled(buses.map((b) => b.close()));
    await dataSource.destroy();
    await db.drop();
  }
}

void main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});
