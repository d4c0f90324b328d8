import { randomUUID } from 'node:crypto';
import { createTestTopic, eventually } from '@rim/testing';
import { InboxConsumer, OutboxMessage, OutboxRelay, type EventBus } from '../src';
import { newBus, openScratchDataSource, ProbeEffect, ProbeEffectHandler, recordEvent } from './messaging-fixture';

/** A bus that counts the records it hands to its consumer, duplicates included. */
function countingBus(bus: EventBus): { bus: EventBus; delivered: () => number } {
  let delivered = 0;
  return {
    bus: {
      publish: (records) => bus.publish(records),
      ping: (ms) => bus.ping(ms),
      close: () => bus.close(),
      subscribe: (group, topics, handle) =>
        bus.subscribe(group, topics, async (record) => {
          delivered++;
          await handle(record);
        }),
    },
    delivered: () => delivered,
  };
}

// Two relays on one database: see outbox-relay.integration-spec.ts (per-key order, decision 0060).
describe('two replicas of a service (real Postgres and Kafka)', () => {
  it('two consumers in one group share the partitions and survive rebalances without a double effect', async () => {
    const topic = await createTestTopic('consumer-replicas', 3);
    const producer = await openScratchDataSource('replicas_producer');
    const consumerDb = await openScratchDataSource('replicas_consumer');
    const relay = new OutboxRelay(producer.dataSource, newBus('replicas-relay'), { batchSize: 50 });
    const group = `replicas-${randomUUID()}`;
    const [busA, busB] = [newBus('replica-a'), newBus('replica-b')];
    const [countedA, countedB] = [countingBus(busA), countingBus(busB)];
    const handlerA = new ProbeEffectHandler(topic);
    const handlerB = new ProbeEffectHandler(topic);
    const replicaA = new InboxConsumer(consumerDb.dataSource, countedA.bus, { consumer: group, handlers: [handlerA] });
    const replicaB = new InboxConsumer(consumerDb.dataSource, countedB.bus, { consumer: group, handlers: [handlerB] });
    const keys = Array.from({ length: 300 }, () => randomUUID());
    const effects = () => consumerDb.dataSource.getRepository(ProbeEffect).count();
    try {
      for (const key of keys.slice(0, 150)) await recordEvent(producer.dataSource, topic, key);
      await relay.drain();
      await replicaA.start();
      await eventually('a first effect by replica A', effects, { until: (n) => n > 0 });
      // B joins while A consumes (a rebalance), then the second half is published.
      await replicaB.start();
      for (const key of keys.slice(150)) await recordEvent(producer.dataSource, topic, key);
      await relay.drain();
      await eventually('a first delivery to replica B', () => handlerB.attempts, { until: (n) => n > 0 });
      // A leaves mid-stream (another rebalance): B takes its partitions over.
      await replicaA.stop();
      // The first half again: a redelivery after the rebalances, deduplicated by the shared inbox.
      const rows = await producer.dataSource.getRepository(OutboxMessage).find();
      await busA.publish(rows.slice(0, 150).map((r) => ({ topic: r.topic, key: r.messageKey, value: r.payload, headers: r.headers })));
      await eventually('450 deliveries in all', () => countedA.delivered() + countedB.delivered(), { until: (n) => n >= 450, timeoutMs: 60_000 });
      expect(await eventually('300 effects', effects, { until: (n) => n >= 300 })).toBe(300);
      const [{ distinct }] = await consumerDb.dataSource.query(`SELECT count(DISTINCT event_key)::int AS distinct FROM probe_effect`);
      expect(distinct).toBe(300);
      // Both replicas did part of the work: the partitions were shared.
      expect(handlerA.attempts).toBeGreaterThan(0);
      expect(handlerB.attempts).toBeGreaterThan(0);
      // The 150 redelivered events did reach the consumers (450 deliveries at least) and did nothing:
      // the handlers ran once per event.
      expect(countedA.delivered() + countedB.delivered()).toBeGreaterThanOrEqual(450);
      expect(handlerA.attempts + handlerB.attempts).toBe(300);
    } finally {
      await replicaA.stop();
      await replicaB.stop();
      await Promise.all([busA.close(), busB.close()]);
      await producer.drop();
      await consumerDb.drop();
    }
  }, 180_000);
});
