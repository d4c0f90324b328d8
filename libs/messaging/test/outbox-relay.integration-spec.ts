import { randomUUID } from 'node:crypto';
import { IsNull, type DataSource } from 'typeorm';
import { createTestTopic, eventually, kafkaPid, KafkaProbe } from '@rim/testing';
import { fromBinary } from '@bufbuild/protobuf';
import { OrganisationRegisteredSchema } from '@rim/contracts';
import { OutboxMessage, OutboxRelay, type EventBus } from '../src';
import { newBus, openScratchDataSource, recordEvent } from './messaging-fixture';

/**
 * The anti-pattern the relay must not follow: mark rows as sent, then try to send, and forget
 * failures. Used as the negative control of the broker-outage test.
 */
async function atMostOnceRelay(dataSource: DataSource, bus: EventBus): Promise<void> {
  const rows = await dataSource.transaction(async (tx) => {
    const batch = await tx.getRepository(OutboxMessage).createQueryBuilder('m').where('m.published_at IS NULL').getMany();
    if (batch.length) await tx.update(OutboxMessage, batch.map((r) => r.seq), { publishedAt: new Date() });
    return batch;
  });
  await bus
    .publish(rows.map((r) => ({ topic: r.topic, key: r.messageKey, value: r.payload, headers: r.headers })))
    .catch(() => undefined);
}

/** The other anti-pattern: a high-water mark on `seq`, which skips rows committed out of order. */
class HighWaterMarkRelay {
  private lastSeq = 0;
  constructor(private readonly dataSource: DataSource, private readonly bus: EventBus) {}
  async publishBatch(): Promise<void> {
    const rows = await this.dataSource
      .getRepository(OutboxMessage)
      .createQueryBuilder('m')
      .where('m.seq > :last', { last: this.lastSeq })
      .orderBy('m.seq')
      .getMany();
    await this.bus.publish(rows.map((r) => ({ topic: r.topic, key: r.messageKey, value: r.payload, headers: r.headers })));
    for (const r of rows) this.lastSeq = Math.max(this.lastSeq, Number(r.seq));
    if (rows.length) await this.dataSource.getRepository(OutboxMessage).update(rows.map((r) => r.seq), { publishedAt: new Date() });
  }
}

describe('outbox relay against real Postgres and Kafka', () => {
  let topic: string;
  beforeAll(async () => {
    topic = await createTestTopic('outbox');
  });

  it('publishes an event written while the broker is down once the broker is back; the at-most-once variant loses it', async () => {
    const safe = await openScratchDataSource('outbox_safe');
    const naive = await openScratchDataSource('outbox_naive');
    const safeBus = newBus('relay-safe');
    const naiveBus = newBus('relay-naive');
    const relay = new OutboxRelay(safe.dataSource, safeBus, { idleDelayMs: 100, maxBackoffMs: 1_000 });
    const safeKey = randomUUID();
    const naiveKey = randomUUID();
    // Connect both producers while the broker is up, so the outage hits an established client.
    await recordEvent(safe.dataSource, topic, randomUUID(), 'warm-up');
    await relay.drain();
    await naiveBus.publish([]);

    const pid = kafkaPid();
    process.kill(pid, 'SIGSTOP'); // the broker stops answering: a hung or partitioned node
    try {
      await recordEvent(safe.dataSource, topic, safeKey);
      await recordEvent(naive.dataSource, topic, naiveKey);
      relay.start();
      await atMostOnceRelay(naive.dataSource, naiveBus);
      await new Promise((r) => setTimeout(r, 4_000));
      const pending = await safe.dataSource.getRepository(OutboxMessage).findOneByOrFail({ messageKey: safeKey });
      expect(pending.publishedAt).toBeNull();
    } finally {
      process.kill(pid, 'SIGCONT');
    }

    const probe = await KafkaProbe.start([topic], true);
    try {
      const seen = await probe.waitFor((r) => r.key === safeKey, 60_000);
      expect(seen.headers.ce_type).toBe('marketplace.directory.v1.OrganisationRegistered');
      await relay.stop();
      const published = await safe.dataSource.getRepository(OutboxMessage).findOneByOrFail({ messageKey: safeKey });
      expect(published.publishedAt).not.toBeNull();
      // Negative control: the naive relay marked its row as sent, so the event is gone for good.
      await new Promise((r) => setTimeout(r, 2_000));
      expect(probe.records.filter((r) => r.key === naiveKey)).toHaveLength(0);
      const lost = await naive.dataSource.getRepository(OutboxMessage).findOneByOrFail({ messageKey: naiveKey });
      expect(lost.publishedAt).not.toBeNull();
    } finally {
      await probe.stop();
      await relay.stop();
      await Promise.all([safeBus.close(), naiveBus.close()]);
      await Promise.all([safe.drop(), naive.drop()]);
    }
  });

  it('never skips a row committed after a later one; a high-water-mark relay does', async () => {
    for (const variant of ['skip-locked', 'high-water-mark'] as const) {
      const { dataSource, drop } = await openScratchDataSource(`outbox_order_${variant.replace(/-/g, '_')}`);
      const bus = newBus(`relay-${variant}`);
      const relay = variant === 'skip-locked' ? new OutboxRelay(dataSource, bus) : new HighWaterMarkRelay(dataSource, bus);
      const slowKey = randomUUID();
      const fastKey = randomUUID();
      try {
        // The slow transaction takes the lower seq but commits last.
        const slow = dataSource.createQueryRunner();
        await slow.connect();
        await slow.startTransaction();
        await slow.query(
          `INSERT INTO outbox_message (id, topic, message_key, event_type, payload, headers) VALUES ($1, $2, $3, 'probe', '\\x00', '{}')`,
          [randomUUID(), topic, slowKey],
        );
        await recordEvent(dataSource, topic, fastKey);
        await relay.publishBatch();
        await slow.commitTransaction();
        await slow.release();
        await relay.publishBatch();

        const unpublished = await dataSource.getRepository(OutboxMessage).countBy({ messageKey: slowKey, publishedAt: IsNull() });
        if (variant === 'skip-locked') expect(unpublished).toBe(0);
        else expect(unpublished).toBe(1); // negative control: the late commit is stranded
      } finally {
        await bus.close();
        await drop();
      }
    }
  });

  it('publishes a committed event at once, without waiting for the poll; with wake-on-commit off it waits', async () => {
    for (const wakeOnCommit of [true, false]) {
      const { dataSource, drop } = await openScratchDataSource(`outbox_wake_${wakeOnCommit}`);
      const bus = newBus(`relay-wake-${wakeOnCommit}`);
      // A poll every minute: only the commit notification can explain a publication within seconds.
      const relay = new OutboxRelay(dataSource, bus, { idleDelayMs: 60_000, wakeOnCommit });
      try {
        await bus.publish([]); // connect the producer first, so the figure below is not its handshake
        relay.start();
        await new Promise((r) => setTimeout(r, 500)); // the loop has polled once and sleeps
        const keys = [randomUUID(), randomUUID(), randomUUID()];
        for (const key of keys) {
          await recordEvent(dataSource, topic, key);
          await new Promise((r) => setTimeout(r, 100));
        }
        await new Promise((r) => setTimeout(r, 2_000));
        const pending = await dataSource.getRepository(OutboxMessage).countBy({ publishedAt: IsNull() });
        if (wakeOnCommit) expect(pending).toBe(0);
        else expect(pending).toBe(keys.length); // negative control: polling alone leaves them waiting
      } finally {
        await relay.stop();
        await bus.close();
        await drop();
      }
    }
  });

  it("two relays on one database keep an aggregate's events in order; SKIP LOCKED alone lets the second publish a later one first", async () => {
    for (const orderPerKey of [true, false]) {
      const { dataSource, drop } = await openScratchDataSource(`outbox_two_relays_${orderPerKey}`);
      const fast = newBus(`relay-fast-${orderPerKey}`);
      const slowInner = newBus(`relay-slow-${orderPerKey}`);
      // The first relay is a slow replica: it holds its batch while the broker answers slowly.
      let release: () => void = () => undefined;
      const held = new Promise<void>((r) => (release = r));
      const slow: EventBus = { ...slowInner, publish: async (records) => { await held; return slowInner.publish(records); }, subscribe: slowInner.subscribe.bind(slowInner), close: slowInner.close.bind(slowInner), ping: slowInner.ping.bind(slowInner) };
      const aggregate = randomUUID();
      const probe = await KafkaProbe.start([topic], false);
      try {
        await fast.publish([]);
        await slowInner.publish([]);
        for (const name of ['first', 'second', 'third', 'fourth']) await recordEvent(dataSource, topic, aggregate, name);
        const first = new OutboxRelay(dataSource, slow, { batchSize: 2, orderPerKey }).publishBatch(); // takes first and second, then waits
        await new Promise((r) => setTimeout(r, 500));
        const secondTook = await new OutboxRelay(dataSource, fast, { batchSize: 2, orderPerKey }).publishBatch();
        release();
        await first;
        const drained = await new OutboxRelay(dataSource, fast, { orderPerKey }).drain();
        await eventually('the four records of the aggregate', () => probe.records.filter((r) => r.key === aggregate).length, { until: (n) => n === 4 });
        const order = probe.records.filter((r) => r.key === aggregate).map((r) => fromBinary(OrganisationRegisteredSchema, r.value).legalName);
        if (orderPerKey) {
          expect(secondTook).toBe(0); // the aggregate is held by the first relay: nothing of it is taken
          expect(drained).toBe(2);
          expect(order).toEqual(['first', 'second', 'third', 'fourth']);
        } else {
          expect(secondTook).toBe(2); // negative control: third and fourth go out before first and second
          expect(order).toEqual(['third', 'fourth', 'first', 'second']);
        }
      } finally {
        release();
        await probe.stop();
        await fast.close();
        await slowInner.close();
        await drop();
      }
    }
  });
});
