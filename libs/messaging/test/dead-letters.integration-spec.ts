import { randomUUID } from 'node:crypto';
import { createTestTopic, KafkaProbe, required } from '@rim/testing';
import { DeadLetters, deadLetterTopic, HEADER, KafkaEventBus } from '../src';

describe('dead letters an operator can list and replay (real Kafka)', () => {
  let topic: string;
  let bus: KafkaEventBus;
  let dlq: DeadLetters;
  const ids = [randomUUID(), randomUUID()];

  beforeAll(async () => {
    topic = await createTestTopic('dlq-tool', 2);
    bus = new KafkaEventBus({ clientId: 'dlq-test', brokers: required('KAFKA_BROKERS').split(',') });
    dlq = new DeadLetters(required('KAFKA_BROKERS').split(','));
    // Two records as the inbox consumer dead-letters them (inbox-consumer.ts, deadLetter).
    await bus.publish(
      ids.map((id, i) => ({
        topic: deadLetterTopic(topic),
        key: `aggregate-${i}`,
        value: Buffer.from([i]),
        headers: {
          [HEADER.id]: id,
          [HEADER.type]: 'marketplace.test.v1.Probe',
          [HEADER.dlqError]: `QueryFailedError: boom ${i}`,
          [HEADER.dlqAttempts]: '5',
          [HEADER.dlqOriginalTopic]: topic,
          [HEADER.dlqOriginalPartition]: '0',
          [HEADER.dlqOriginalOffset]: String(40 + i),
        },
      })),
    );
  });

  afterAll(async () => {
    await dlq?.close();
    await bus?.close();
  });

  it('lists them with the error, the attempts and where they came from; listing twice gives the same', async () => {
    const letters = await dlq.list(topic);
    expect(letters.map((l) => ({ id: l.eventId, error: l.error, attempts: l.attempts, from: `${l.originalTopic}@${l.originalPartition}:${l.originalOffset}` })).sort((a, b) => a.error.localeCompare(b.error))).toEqual([
      { id: ids[0], error: 'QueryFailedError: boom 0', attempts: 5, from: `${topic}@0:40` },
      { id: ids[1], error: 'QueryFailedError: boom 1', attempts: 5, from: `${topic}@0:41` },
    ]);
    expect(await dlq.list(`${topic}.dlq`)).toHaveLength(2);
    expect((await dlq.topics()).find((t) => t.topic === topic)).toEqual({ topic, count: 2 });
  });

  it('replays them to the original topic with their own event id and without the dead-letter headers, once', async () => {
    const probe = await KafkaProbe.start([topic]);
    try {
      expect((await dlq.replay(topic)).replayed).toBe(2);
      for (const id of ids) {
        const record = await probe.waitFor((r) => r.headers[HEADER.id] === id);
        expect(record.headers[HEADER.dlqError]).toBeUndefined();
        expect(record.headers[HEADER.type]).toBe('marketplace.test.v1.Probe');
        expect(record.key).toMatch(/^aggregate-/);
      }
      // The replay group remembers: nothing new to replay; --all replays them again.
      expect((await dlq.replay(topic)).replayed).toBe(0);
      expect(probe.records).toHaveLength(2);
      expect((await dlq.replay(topic, { all: true })).replayed).toBe(2);
      await probe.waitFor(() => probe.records.length === 4);
    } finally {
      await probe.stop();
    }
  });

  it('a topic without dead letters lists nothing (negative control)', async () => {
    const empty = await createTestTopic('dlq-empty');
    expect(await dlq.list(empty)).toEqual([]);
    expect((await dlq.replay(empty)).replayed).toBe(0);
  });
});
