import { randomUUID } from 'node:crypto';
import { fromBinary } from '@bufbuild/protobuf';
import type { DataSource } from 'typeorm';
import { createTestTopic, eventually, KafkaProbe } from '@rim/testing';
import { InboxConsumer, OutboxMessage, OutboxRelay, deadLetterTopic, type EventBus, type IncomingBatch } from '../src';
import { newBus, openScratchDataSource, ProbeEffect, ProbeEffectHandler, recordEvent } from './messaging-fixture';

type BatchBus = EventBus & Required<Pick<EventBus, 'subscribeBatches'>>;

/**
 * A bus that dies once between a batch's transaction and its offset commit, as a killed process
 * would: the first commit() throws, so Kafka delivers the whole batch again. Counts deliveries.
 */
function crashingBus(bus: BatchBus): { bus: BatchBus; delivered: () => number; crashes: () => number } {
  let delivered = 0;
  let crashes = 0;
  return {
    bus: {
      publish: (r) => bus.publish(r),
      ping: (ms) => bus.ping(ms),
      close: () => bus.close(),
      subscribe: (g, t, h) => bus.subscribe(g, t, h),
      subscribeBatches: (g, t, handle) =>
        bus.subscribeBatches(g, t, async (batch) => {
          delivered += batch.records.length;
          await handle({
            ...batch,
            commit: async (upTo) => {
              if (crashes === 0) {
                crashes++;
                throw new Error('killed before the offset commit');
              }
              await batch.commit(upTo);
            },
          });
        }),
    },
    delivered: () => delivered,
    crashes: () => crashes,
  };
}

/**
 * Negative control: a batch consumer with no inbox. It applies the batch in one transaction and
 * lets a failure redeliver the batch, the naive way.
 */
function naiveBatchHandler(db: DataSource, handler: ProbeEffectHandler): (batch: IncomingBatch) => Promise<void> {
  return async (batch) => {
    await db.transaction(async (tx) => {
      for (const r of batch.records) await handler.handle(fromBinary(handler.schema, r.value), undefined, tx);
    });
    await batch.commit(batch.records[batch.records.length - 1]);
  };
}

const countByKey = async (db: DataSource, keys: string[]): Promise<number[]> => {
  const repo = db.getRepository(ProbeEffect);
  return Promise.all(keys.map((k) => repo.countBy({ eventKey: k })));
};

describe('batched inbox against real Postgres and Kafka', () => {
  it('applies a batch once when the consumer dies after the transaction and before the offset commit; without the inbox the redelivered batch applies twice', async () => {
    const topic = await createTestTopic('inbox-batch-crash');
    const producer = await openScratchDataSource('batch_crash_producer');
    const consumerDb = await openScratchDataSource('batch_crash_consumer');
    const bareDb = await openScratchDataSource('batch_crash_bare');
    const bus = newBus('inbox-batch-crash') as BatchBus;
    const keys = Array.from({ length: 20 }, () => randomUUID());
    for (const k of keys) await recordEvent(producer.dataSource, topic, k);
    await new OutboxRelay(producer.dataSource, bus).drain();

    const inboxSide = crashingBus(bus);
    const handler = new ProbeEffectHandler(topic);
    const inbox = new InboxConsumer(consumerDb.dataSource, inboxSide.bus, { consumer: `batch-crash-${randomUUID()}`, handlers: [handler] });
    const bareSide = crashingBus(bus);
    const bareHandler = new ProbeEffectHandler(topic);
    const bare = await bareSide.bus.subscribeBatches(`batch-crash-bare-${randomUUID()}`, [topic], naiveBatchHandler(bareDb.dataSource, bareHandler));
    try {
      await inbox.start();
      await eventually('every record delivered twice to the inbox side', () => inboxSide.delivered(), { until: (n) => n >= 2 * keys.length });
      await eventually('every record delivered twice to the bare side', () => bareSide.delivered(), { until: (n) => n >= 2 * keys.length });
      expect(inboxSide.crashes()).toBe(1);
      // The redelivered batch found every event in the inbox: one effect each, in one transaction.
      expect(await countByKey(consumerDb.dataSource, keys)).toEqual(keys.map(() => 1));
      expect(handler.attempts).toBe(keys.length);
      const inboxRows: Array<{ n: number }> = await consumerDb.dataSource.query(`SELECT count(*)::int AS n FROM inbox_message`);
      expect(inboxRows[0].n).toBe(keys.length);
      // Negative control: the same crash without the inbox applies every event twice.
      expect(await eventually('two effects per key without the inbox', () => countByKey(bareDb.dataSource, keys), { until: (c) => c.every((n) => n === 2) })).toEqual(keys.map(() => 2));
    } finally {
      await inbox.stop();
      await bare.close();
      await bus.close();
      await Promise.all([producer.drop(), consumerDb.drop(), bareDb.drop()]);
    }
  });

  it('applies only the new half of a redelivered, half-applied batch; without the inbox the old half applies again', async () => {
    const topic = await createTestTopic('inbox-batch-half');
    const producer = await openScratchDataSource('batch_half_producer');
    const consumerDb = await openScratchDataSource('batch_half_consumer');
    const bareDb = await openScratchDataSource('batch_half_bare');
    const bus = newBus('inbox-batch-half') as BatchBus;
    const keys = Array.from({ length: 10 }, () => randomUUID());
    for (const k of keys) await recordEvent(producer.dataSource, topic, k);
    const rows = await producer.dataSource.getRepository(OutboxMessage).find({ order: { seq: 'ASC' } });
    const toRecord = (r: OutboxMessage) => ({ topic: r.topic, key: r.messageKey, value: r.payload, headers: r.headers });
    // The first half reaches Kafka and is applied; then a relay that died before marking its rows
    // published sends all ten again: the second fetch holds five applied events and five new ones.
    await bus.publish(rows.slice(0, 5).map(toRecord));
    const group = `batch-half-${randomUUID()}`;
    const bareGroup = `batch-half-bare-${randomUUID()}`;
    const handler = new ProbeEffectHandler(topic);
    const bareHandler = new ProbeEffectHandler(topic);
    let inbox = new InboxConsumer(consumerDb.dataSource, bus, { consumer: group, handlers: [handler] });
    let bare = await bus.subscribeBatches(bareGroup, [topic], naiveBatchHandler(bareDb.dataSource, bareHandler));
    try {
      await inbox.start();
      await eventually('the first five applied through the inbox', () => countByKey(consumerDb.dataSource, keys.slice(0, 5)), { until: (c) => c.every((n) => n === 1) });
      await eventually('the first five applied without the inbox', () => countByKey(bareDb.dataSource, keys.slice(0, 5)), { until: (c) => c.every((n) => n === 1) });
      await inbox.stop();
      await bare.close();
      await bus.publish(rows.map(toRecord));
      const sizes: number[] = [];
      const sizing: BatchBus = {
        publish: (r) => bus.publish(r),
        ping: (ms) => bus.ping(ms),
        close: () => bus.close(),
        subscribe: (g, t, h) => bus.subscribe(g, t, h),
        subscribeBatches: (g, t, h) => bus.subscribeBatches(g, t, (b) => (sizes.push(b.records.length), h(b))),
      };
      inbox = new InboxConsumer(consumerDb.dataSource, sizing, { consumer: group, handlers: [handler] });
      bare = await bus.subscribeBatches(bareGroup, [topic], naiveBatchHandler(bareDb.dataSource, bareHandler));
      await inbox.start();
      const applied = await eventually('every key applied through the inbox', () => countByKey(consumerDb.dataSource, keys), { until: (c) => c.every((n) => n >= 1) });
      expect(sizes).toEqual([10]); // one batch, half of it already applied
      expect(applied).toEqual(keys.map(() => 1));
      expect(handler.attempts).toBe(10);
      // Negative control: without the inbox the first five are applied a second time.
      const bareCounts = await eventually('every key applied without the inbox', () => countByKey(bareDb.dataSource, keys), { until: (c) => c.every((n) => n >= 1) });
      expect(bareCounts).toEqual([...keys.slice(0, 5).map(() => 2), ...keys.slice(5).map(() => 1)]);
    } finally {
      await inbox.stop();
      await bare.close();
      await bus.close();
      await Promise.all([producer.drop(), consumerDb.drop(), bareDb.drop()]);
    }
  });

  it('parks a poison event inside a batch in <topic>.dlq and applies its neighbours once each; retrying the whole batch instead applies them again on every attempt', async () => {
    const topic = await createTestTopic('inbox-batch-poison');
    const producer = await openScratchDataSource('batch_poison_producer');
    const consumerDb = await openScratchDataSource('batch_poison_consumer');
    const bareDb = await openScratchDataSource('batch_poison_bare');
    const bus = newBus('inbox-batch-poison') as BatchBus;
    const before = [randomUUID(), randomUUID()];
    const poison = randomUUID();
    const after = [randomUUID(), randomUUID()];
    for (const k of before) await recordEvent(producer.dataSource, topic, k);
    await recordEvent(producer.dataSource, topic, poison, 'POISON');
    for (const k of after) await recordEvent(producer.dataSource, topic, k);
    await new OutboxRelay(producer.dataSource, bus).drain();
    const neighbours = [...before, ...after];

    const sizes: number[] = [];
    const sizing: BatchBus = {
      publish: (r) => bus.publish(r),
      ping: (ms) => bus.ping(ms),
      close: () => bus.close(),
      subscribe: (g, t, h) => bus.subscribe(g, t, h),
      subscribeBatches: (g, t, h) => bus.subscribeBatches(g, t, (b) => (sizes.push(b.records.length), h(b))),
    };
    const handler = new ProbeEffectHandler(topic);
    const inbox = new InboxConsumer(consumerDb.dataSource, sizing, {
      consumer: `batch-poison-${randomUUID()}`,
      handlers: [handler],
      maxAttempts: 3,
      retryDelayMs: 20,
    });
    // Negative control: a batch path that commits each event as it goes and retries the batch on
    // failure, with no inbox: the events before the poison one are applied on every attempt.
    const bareHandler = new ProbeEffectHandler(topic);
    let bareAttempts = 0;
    const bare = await bus.subscribeBatches(`batch-poison-bare-${randomUUID()}`, [topic], async (batch) => {
      if (++bareAttempts > 3) return batch.commit(batch.records[batch.records.length - 1]);
      for (const r of batch.records) {
        await bareDb.dataSource.transaction((tx) => bareHandler.handle(fromBinary(bareHandler.schema, r.value), undefined, tx));
      }
    });
    const dlq = await KafkaProbe.start([deadLetterTopic(topic)], true);
    try {
      await inbox.start();
      const parked = await dlq.waitFor((r) => r.key === poison);
      expect(parked.headers.dlq_attempts).toBe('3');
      expect(parked.headers.dlq_error).toContain('cannot apply a poison event');
      expect(await eventually("the poison event's neighbours applied", () => countByKey(consumerDb.dataSource, neighbours), { until: (c) => c.every((n) => n === 1) })).toEqual(neighbours.map(() => 1));
      expect(sizes[0]).toBe(5); // the poison event really was inside a batch
      // One batch attempt (rolled back at the poison event), then one by one: 2 + 1 + 2 + 3 + 2.
      expect(handler.attempts).toBe(10);
      expect(await countByKey(consumerDb.dataSource, [poison])).toEqual([0]);
      const bareBefore = await eventually('the events before the poison applied three times without the inbox', () => countByKey(bareDb.dataSource, before), { until: (c) => c.every((n) => n >= 3) });
      expect(bareBefore).toEqual(before.map(() => 3));
    } finally {
      await dlq.stop();
      await Promise.race([inbox.stop(), new Promise((r) => setTimeout(r, 5_000))]);
      await bare.close();
      await bus.close();
      await Promise.all([producer.drop(), consumerDb.drop(), bareDb.drop()]);
    }
  });
});
