import { randomUUID } from 'node:crypto';
import { fromBinary } from '@bufbuild/protobuf';
import type { DataSource } from 'typeorm';
import { OrganisationRegisteredSchema } from '@rim/contracts';
import { createTestTopic, KafkaProbe } from '@rim/testing';
import { InboxConsumer, OutboxMessage, OutboxRelay, type EventBus, type OutgoingRecord } from '../src';
import { eventually, newBus, openScratchDataSource, ProbeEffect, ProbeEffectHandler, recordEvent } from './messaging-fixture';

/** A bus whose publishes wait until released: a relay caught mid-batch (slow broker, GC pause). */
function heldBus(bus: EventBus): { bus: EventBus; release(): void; held: Promise<void> } {
  let release!: () => void;
  let entered!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const held = new Promise<void>((r) => (entered = r));
  return {
    bus: {
      ping: (ms) => bus.ping(ms),
      subscribe: (...args) => bus.subscribe(...args),
      close: () => bus.close(),
      publish: async (records: OutgoingRecord[]) => {
        entered();
        await gate;
        await bus.publish(records);
      },
    },
    release,
    held,
  };
}

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

/** The relay as it was: `SKIP LOCKED` batches, no exclusivity between replicas (negative control). */
async function skipLockedBatch(dataSource: DataSource, bus: EventBus, size: number): Promise<number> {
  return dataSource.transaction(async (tx) => {
    const rows = await tx.getRepository(OutboxMessage).createQueryBuilder('m').where('m.published_at IS NULL')
      .orderBy('m.seq', 'ASC').limit(size).setLock('pessimistic_write').setOnLocked('skip_locked').getMany();
    if (!rows.length) return 0;
    await bus.publish(rows.map((r) => ({ topic: r.topic, key: r.messageKey, value: r.payload, headers: r.headers })));
    await tx.update(OutboxMessage, rows.map((r) => r.seq), { publishedAt: new Date() });
    return rows.length;
  });
}

const order = (probe: KafkaProbe, key: string) =>
  probe.records.filter((r) => r.key === key).map((r) => fromBinary(OrganisationRegisteredSchema, r.value).legalName);

describe('two replicas of a service (real Postgres and Kafka)', () => {
  it("two relays on one database keep an aggregate's events in order; SKIP LOCKED alone reorders them", async () => {
    const topic = await createTestTopic('relay-replicas');
    const probe = await KafkaProbe.start([topic]);
    const db = await openScratchDataSource('relay_replicas');
    const [busA, busB] = [newBus('relay-a'), newBus('relay-b')];
    try {
      const run = async (key: string, second: (held: Promise<void>) => Promise<number>, first: (bus: EventBus) => Promise<number>) => {
        for (let n = 1; n <= 4; n++) await recordEvent(db.dataSource, topic, key, `event ${n}`);
        const slow = heldBus(busA);
        const a = first(slow.bus); // replica A takes events 1-2, then stalls in publish
        await slow.held;
        const b = await second(slow.held); // replica B polls meanwhile
        slow.release();
        await a;
        while ((await first(busA)) > 0);
        return b;
      };

      const ordered = randomUUID();
      const relayA = (bus: EventBus) => new OutboxRelay(db.dataSource, bus, { batchSize: 2 }).publishBatch();
      const publishedByB = await run(ordered, () => new OutboxRelay(db.dataSource, busB, { batchSize: 2 }).publishBatch(), relayA);
      expect(publishedByB).toBe(0); // A holds the relay lock: B waits for its next poll
      expect(await eventually(async () => order(probe, ordered), (o) => o.length === 4)).toEqual(['event 1', 'event 2', 'event 3', 'event 4']);

      // Negative control: the same interleaving with the unlocked SKIP LOCKED batches.
      const reordered = randomUUID();
      const skipA = (bus: EventBus) => skipLockedBatch(db.dataSource, bus, 2);
      expect(await run(reordered, () => skipLockedBatch(db.dataSource, busB, 2), skipA)).toBe(2);
      expect(await eventually(async () => order(probe, reordered), (o) => o.length === 4)).toEqual(['event 3', 'event 4', 'event 1', 'event 2']);
    } finally {
      await probe.stop();
      await Promise.all([busA.close(), busB.close()]);
      await db.drop();
    }
  }, 90_000);

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
      await eventually(effects, (n) => n > 0);
      // B joins while A consumes (a rebalance), then the second half is published.
      await replicaB.start();
      for (const key of keys.slice(150)) await recordEvent(producer.dataSource, topic, key);
      await relay.drain();
      await eventually(async () => handlerB.attempts, (n) => n > 0);
      // A leaves mid-stream (another rebalance): B takes its partitions over.
      await replicaA.stop();
      // The first half again: a redelivery after the rebalances, deduplicated by the shared inbox.
      const rows = await producer.dataSource.getRepository(OutboxMessage).find();
      await busA.publish(rows.slice(0, 150).map((r) => ({ topic: r.topic, key: r.messageKey, value: r.payload, headers: r.headers })));
      await eventually(async () => countedA.delivered() + countedB.delivered(), (n) => n >= 450, 60_000);
      expect(await eventually(effects, (n) => n >= 300)).toBe(300);
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
