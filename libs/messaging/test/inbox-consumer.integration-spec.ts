import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createTestTopic, eventually, KafkaProbe } from '@rim/testing';
import { InboxConsumer, OutboxMessage, OutboxRelay, deadLetterTopic, type IncomingRecord } from '../src';
import { newBus, openScratchDataSource, ProbeEffect, ProbeEffectHandler, recordEvent } from './messaging-fixture';

/** Publishes every outbox row of `source`, then publishes the same rows again: a redelivery. */
async function publishTwice(source: DataSource, relay: OutboxRelay, bus: ReturnType<typeof newBus>): Promise<void> {
  await relay.drain();
  const rows = await source.getRepository(OutboxMessage).find();
  await bus.publish(rows.map((r) => ({ topic: r.topic, key: r.messageKey, value: r.payload, headers: r.headers })));
}

describe('inbox consumer against real Postgres and Kafka', () => {
  it('applies a redelivered event once; without the inbox it applies it twice', async () => {
    const topic = await createTestTopic('inbox-redelivery');
    const producerDb = await openScratchDataSource('inbox_producer');
    const consumerDb = await openScratchDataSource('inbox_consumer');
    const bus = newBus('inbox-test');
    const relay = new OutboxRelay(producerDb.dataSource, bus);
    const key = randomUUID();
    await recordEvent(producerDb.dataSource, topic, key);
    await publishTwice(producerDb.dataSource, relay, bus);

    const handler = new ProbeEffectHandler(topic);
    const inbox = new InboxConsumer(consumerDb.dataSource, bus, { consumer: `inbox-${randomUUID()}`, handlers: [handler] });
    // Negative control: the same handler, fed the same records, with no inbox in front of it.
    const bareHandler = new ProbeEffectHandler(topic);
    const bareDb = await openScratchDataSource('inbox_bare');
    const bareSubscription = await bus.subscribe(`bare-${randomUUID()}`, [topic], (record: IncomingRecord) =>
      bareDb.dataSource.transaction(async (tx) => {
        const { fromBinary } = await import('@bufbuild/protobuf');
        await bareHandler.handle(fromBinary(bareHandler.schema, record.value), undefined, tx);
      }),
    );
    try {
      await inbox.start();
      await eventually('three deliveries in all', () => handler.attempts + bareHandler.attempts, { until: (n) => n >= 3 });
      // Both records have been delivered to the inbox consumer: the second was a no-op.
      const bareCount = await eventually('two effects without the inbox', () => bareDb.dataSource.getRepository(ProbeEffect).countBy({ eventKey: key }), { until: (n) => n >= 2 });
      expect(bareCount).toBe(2);
      const inboxRows = await eventually(
        'a row in the inbox',
        () => consumerDb.dataSource.query(`SELECT count(*)::int AS n FROM inbox_message`) as Promise<Array<{ n: number }>>,
        { until: (r) => r[0].n >= 1 },
      );
      expect(inboxRows[0].n).toBe(1);
      await new Promise((r) => setTimeout(r, 1_500)); // let a second, wrongful application show up
      expect(await consumerDb.dataSource.getRepository(ProbeEffect).countBy({ eventKey: key })).toBe(1);
    } finally {
      await inbox.stop();
      await bareSubscription.close();
      await bus.close();
      await Promise.all([producerDb.drop(), consumerDb.drop(), bareDb.drop()]);
    }
  });

  it('parks a poison event in <topic>.dlq and goes on with the next event of the same partition; without a retry budget the partition is stuck', async () => {
    for (const variant of ['budget', 'no-budget'] as const) {
      const topic = await createTestTopic(`inbox-poison-${variant}`);
      const producerDb = await openScratchDataSource('poison_producer');
      const consumerDb = await openScratchDataSource('poison_consumer');
      const bus = newBus(`poison-${variant}`);
      const relay = new OutboxRelay(producerDb.dataSource, bus);
      const poisonKey = randomUUID();
      const goodKey = randomUUID();
      // Same partition: the topic has one partition, so the good event queues behind the poison one.
      await recordEvent(producerDb.dataSource, topic, poisonKey, 'POISON');
      await recordEvent(producerDb.dataSource, topic, goodKey);
      await relay.drain();

      const handler = new ProbeEffectHandler(topic);
      const inbox = new InboxConsumer(consumerDb.dataSource, bus, {
        consumer: `poison-${randomUUID()}`,
        handlers: [handler],
        maxAttempts: variant === 'budget' ? 3 : Number.MAX_SAFE_INTEGER,
        retryDelayMs: variant === 'budget' ? 50 : 1,
      });
      const dlq = await KafkaProbe.start([deadLetterTopic(topic)], true);
      try {
        await inbox.start();
        // 'return-last': the no-budget variant shows the good event does NOT come within 6 s.
        const applied = await eventually(
          'the good event applied',
          () => consumerDb.dataSource.getRepository(ProbeEffect).countBy({ eventKey: goodKey }),
          { until: (n) => n === 1, timeoutMs: variant === 'budget' ? 30_000 : 6_000, onTimeout: 'return-last' },
        );
        if (variant === 'budget') {
          expect(applied).toBe(1);
          const parked = await dlq.waitFor((r) => r.key === poisonKey);
          expect(parked.headers.dlq_error).toContain('cannot apply a poison event');
          expect(parked.headers.dlq_attempts).toBe('3');
          expect(parked.headers.dlq_original_topic).toBe(topic);
          // The batch attempt (both events, rolled back at the poison one: decision 0051), then 3 for
          // the poison event alone and 1 for the good one.
          expect(handler.attempts).toBe(5);
        } else {
          // Negative control: retrying for ever, the good event never gets its turn.
          expect(applied).toBe(0);
          expect(dlq.records).toHaveLength(0);
        }
      } finally {
        await dlq.stop();
        await Promise.race([inbox.stop(), new Promise((r) => setTimeout(r, 5_000))]);
        await bus.close();
        await Promise.all([producerDb.drop(), consumerDb.drop()]);
      }
    }
  });
});
