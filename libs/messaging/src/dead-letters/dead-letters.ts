import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { HEADER } from '../event-headers';
import { deadLetterTopic } from '../inbox/inbox-consumer';

/** A dead-lettered record as an operator sees it. */
export interface DeadLetter {
  /** Where it sits in `<topic>.dlq`. */
  partition: number;
  offset: string;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  originalTopic: string;
  originalPartition: number | null;
  originalOffset: string | null;
  attempts: number | null;
  error: string;
  eventId: string | null;
  eventType: string | null;
  /** When it was dead-lettered (the record's broker timestamp). */
  deadLetteredAt: Date;
}

const DLQ_HEADERS = new Set<string>([HEADER.dlqError, HEADER.dlqAttempts, HEADER.dlqOriginalTopic, HEADER.dlqOriginalPartition, HEADER.dlqOriginalOffset]);

/** The consumer group that remembers what `replay` has already sent back, per topic. */
export const replayGroup = (topic: string): string => `dlq-replay.${topic}`;

const originalOf = (topic: string) => topic.replace(/\.dlq$/, '');

/**
 * The dead letters of a topic, for operators (`npm run dlq -- list|inspect|replay <topic>`,
 * issue 14): read `<topic>.dlq` from the beginning, or replay what was not replayed yet to the
 * original topic, with the event's own headers (so its id is the same and a consumer's inbox
 * still applies it at most once) and without the dead-letter ones.
 *
 * @example
 * const dlq = new DeadLetters(['127.0.0.1:19092']);
 * for (const letter of await dlq.list('booking.asset-listed.v1')) console.log(letter.offset, letter.error);
 * await dlq.replay('booking.asset-listed.v1'); // { replayed: 2 }
 * await dlq.close();
 */
export class DeadLetters {
  private readonly kafka: Kafka;
  private admin: Admin | null = null;

  constructor(brokers: string[], private readonly timeoutMs = 20_000) {
    this.kafka = new Kafka({ clientId: 'dlq-tool', brokers, logLevel: logLevel.NOTHING, connectionTimeout: 3_000 });
  }

  private async connectedAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }

  /** Every dead-letter topic and how many records it holds. */
  async topics(): Promise<Array<{ topic: string; count: number }>> {
    const admin = await this.connectedAdmin();
    const dlqs = (await admin.listTopics()).filter((t) => t.endsWith('.dlq')).sort();
    return Promise.all(
      dlqs.map(async (topic) => ({
        topic: originalOf(topic),
        count: (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0),
      })),
    );
  }

  /** Every dead letter of `topic` (the original topic or its `.dlq`), oldest first per partition. */
  async list(topic: string): Promise<DeadLetter[]> {
    return (await this.read(topic, `dlq-tool-${randomUUID()}`, false)).letters;
  }

  /**
   * Publishes the dead letters not replayed yet (or all of them, with `all`) back to the original
   * topic, then remembers how far it got in the `dlq-replay.<topic>` group.
   */
  async replay(topic: string, options: { all?: boolean; offsets?: string[] } = {}): Promise<{ replayed: number; letters: DeadLetter[] }> {
    const group = options.all || options.offsets ? `dlq-tool-${randomUUID()}` : replayGroup(originalOf(topic));
    const { letters, commit } = await this.read(topic, group, true);
    const chosen = options.offsets ? letters.filter((l) => options.offsets!.includes(`${l.partition}:${l.offset}`)) : letters;
    if (chosen.length) {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      await producer.connect();
      try {
        await producer.send({
          topic: originalOf(topic),
          acks: -1,
          messages: chosen.map((l) => ({
            key: l.key,
            value: l.value,
            headers: Object.fromEntries(Object.entries(l.headers).filter(([name]) => !DLQ_HEADERS.has(name))),
          })),
        });
      } finally {
        await producer.disconnect();
      }
    }
    // Only once they are on the topic: a failed replay is replayed again next time.
    await commit();
    return { replayed: chosen.length, letters: chosen };
  }

  async close(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
    this.admin = null;
  }

  /** Reads `<topic>.dlq` up to its current end, from where `groupId` left off. */
  private async read(topic: string, groupId: string, keepGroup: boolean): Promise<{ letters: DeadLetter[]; commit: () => Promise<void> }> {
    const dlq = topic.endsWith('.dlq') ? topic : deadLetterTopic(topic);
    const admin = await this.connectedAdmin();
    const ends = await admin.fetchTopicOffsets(dlq);
    const committed = new Map(
      (await admin.fetchOffsets({ groupId, topics: [dlq] })).flatMap((t) => t.partitions.map((p) => [p.partition, Number(p.offset)] as const)),
    );
    const pending = new Map(
      ends
        .map((p) => [p.partition, { from: Math.max(Number(p.low), committed.get(p.partition) ?? -1), to: Number(p.high) }] as const)
        .filter(([, range]) => range.from < range.to),
    );
    const noCommit = async () => undefined;
    if (!pending.size) return { letters: [], commit: noCommit };
    const consumer = this.kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    const letters: DeadLetter[] = [];
    const reached = new Set<number>();
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [dlq], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${dlq}: not read to its end within ${this.timeoutMs / 1000} s`)), this.timeoutMs);
        void consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              const range = pending.get(partition);
              const offset = Number(message.offset);
              if (!range || offset < range.from || offset >= range.to) return;
              letters.push(toDeadLetter(dlq, partition, message));
              if (offset === range.to - 1) reached.add(partition);
              if (reached.size === pending.size) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
    letters.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
    // Set through the admin once the reader has left its group (a group with members refuses it).
    const commit = () =>
      admin.setOffsets({ groupId, topic: dlq, partitions: [...pending].map(([partition, range]) => ({ partition, offset: String(range.to) })) });
    return { letters, commit: keepGroup ? commit : noCommit };
  }
}

function toDeadLetter(
  dlq: string,
  partition: number,
  message: { offset: string; key: Buffer | null; value: Buffer | null; timestamp: string; headers?: Record<string, unknown> },
): DeadLetter {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[name] = Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  }
  const number = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));
  return {
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? '',
    value: message.value ?? Buffer.alloc(0),
    headers,
    originalTopic: headers[HEADER.dlqOriginalTopic] ?? originalOf(dlq),
    originalPartition: number(headers[HEADER.dlqOriginalPartition]),
    originalOffset: headers[HEADER.dlqOriginalOffset] ?? null,
    attempts: number(headers[HEADER.dlqAttempts]),
    error: headers[HEADER.dlqError] ?? '(no error recorded)',
    eventId: headers[HEADER.id] ?? null,
    eventType: headers[HEADER.type] ?? null,
    deadLetteredAt: new Date(Number(message.timestamp)),
  };
}
