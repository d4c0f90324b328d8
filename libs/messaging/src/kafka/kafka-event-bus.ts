import { connect as connectTcp } from 'node:net';
import { Kafka, logLevel, type Admin, type Consumer, type ISocketFactory, type KafkaMessage, type Producer, type IHeaders } from 'kafkajs';
import type { EventBus, IncomingBatch, IncomingRecord, OutgoingRecord, Subscription, SubscriptionStatus } from './event-bus';

export interface KafkaEventBusOptions {
  clientId: string;
  brokers: string[];
  /** How long a broker may stay silent before a send fails; the relay retries later anyway. */
  requestTimeoutMs?: number;
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    out[name] = Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  }
  return out;
}

function toIncoming(topic: string, partition: number, message: KafkaMessage): IncomingRecord {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? '',
    value: message.value ?? Buffer.alloc(0),
    headers: headersToStrings(message.headers),
  };
}

/**
 * kafkajs' default socket leaves Nagle's algorithm on, so a small request written while the previous
 * one is unacknowledged (a fetch right after an offset commit) can wait for the broker's delayed
 * ACK. Kafka's own clients set TCP_NODELAY; so do we (bench/standalone/kafka-nodelay.ts: broker ack
 * to consumer batch p99 19 -> 8 ms on 12 partitions, quiet machine; decision 0052). Plaintext only,
 * as the rest of this bus (no TLS options).
 */
const noDelaySocketFactory: ISocketFactory = ({ host, port, onConnect }) => {
  const socket = connectTcp({ host, port, noDelay: true }, onConnect);
  socket.setKeepAlive(true, 60_000);
  return socket;
};

/**
 * kafkajs behind the EventBus interface. The producer is idempotent (one in-flight request,
 * acks from all in-sync replicas), so a retried send never writes a record twice.
 *
 * @example
 * const bus = new KafkaEventBus({ clientId: 'directory', brokers: ['127.0.0.1:19092'] });
 * await bus.publish([{ topic, key, value, headers }]);
 */
export class KafkaEventBus implements EventBus {
  private readonly kafka: Kafka;
  private producer: Producer | null = null;
  private producerConnecting: Promise<Producer> | null = null;
  private readonly consumers = new Set<Consumer>();
  private admin: Admin | null = null;

  constructor(options: KafkaEventBusOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.NOTHING,
      socketFactory: noDelaySocketFactory,
      requestTimeout: options.requestTimeoutMs ?? 10_000,
      connectionTimeout: 3_000,
      // The relay owns retries (it keeps rows until acknowledged); keep kafkajs' own short.
      retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 2_000 },
    });
  }

  private async connectedProducer(): Promise<Producer> {
    if (this.producer) return this.producer;
    if (!this.producerConnecting) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      });
      this.producerConnecting = producer
        .connect()
        .then(() => {
          this.producer = producer;
          producer.on(producer.events.DISCONNECT, () => {
            if (this.producer === producer) this.producer = null;
          });
          return producer;
        })
        .finally(() => {
          this.producerConnecting = null;
        });
    }
    return this.producerConnecting;
  }

  async publish(records: OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    const producer = await this.connectedProducer();
    const byTopic = new Map<string, OutgoingRecord[]>();
    for (const r of records) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
    try {
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, rs]) => ({
          topic,
          messages: rs.map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
        })),
      });
    } catch (error) {
      // A producer that failed mid-send may hold a stale connection; start afresh next time.
      this.producer = null;
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async subscribe(
    groupId: string,
    topics: string[],
    handle: (record: IncomingRecord) => Promise<void>,
  ): Promise<Subscription> {
    return this.consume(groupId, topics, (consumer) =>
      consumer.run({
        autoCommit: true,
        eachMessage: async ({ topic, partition, message }) => {
          await handle(toIncoming(topic, partition, message));
        },
      }),
    );
  }

  async subscribeBatches(
    groupId: string,
    topics: string[],
    handle: (batch: IncomingBatch) => Promise<void>,
  ): Promise<Subscription> {
    return this.consume(groupId, topics, (consumer) =>
      consumer.run({
        autoCommit: true,
        // Offsets move only when the handler says its transaction committed; kafkajs commits what
        // was resolved at the end of the batch, and also when the handler throws.
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isStale }) => {
          await handle({
            records: batch.messages.map((m) => toIncoming(batch.topic, batch.partition, m)),
            commit: async (upTo) => {
              resolveOffset(upTo.offset);
              await heartbeat();
            },
            stale: () => isStale(),
          });
        },
      }),
    );
  }

  private async consume(
    groupId: string,
    topics: string[],
    run: (consumer: Consumer) => Promise<void>,
  ): Promise<Subscription> {
    const consumer = this.kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5_000 },
    });
    // Kept from kafkajs' instrumentation events: /healthz reports it (issue 14: every health
    // endpoint answered 200 while the broker was down).
    const status: SubscriptionStatus = { running: false, detail: 'joining its group' };
    const set = (running: boolean, detail: string) => Object.assign(status, { running, detail });
    consumer.on(consumer.events.GROUP_JOIN, () => set(true, 'in its group'));
    consumer.on(consumer.events.CRASH, ({ payload }) =>
      set(false, `crashed: ${payload.error.message}${payload.restart ? ' (kafkajs restarts it)' : ''}`),
    );
    consumer.on(consumer.events.DISCONNECT, () => set(false, 'disconnected from the broker'));
    consumer.on(consumer.events.STOP, () => set(false, 'stopped'));
    try {
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: true });
    } catch (error) {
      // Leave nothing connected behind: the caller retries with a new consumer.
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    await run(consumer);
    this.consumers.add(consumer);
    return {
      status: () => ({ ...status }),
      close: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  async ping(timeoutMs: number): Promise<void> {
    const admin = (this.admin ??= this.kafka.admin());
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([admin.connect().then(() => admin.describeCluster()), timeout]);
    } catch (error) {
      // A fresh admin next time: this one may hold a dead connection.
      if (this.admin === admin) this.admin = null;
      void admin.disconnect().catch(() => undefined);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    await admin?.disconnect().catch(() => undefined);
    await Promise.all([...this.consumers].map((c) => c.disconnect().catch(() => undefined)));
    this.consumers.clear();
    const producer = this.producer;
    this.producer = null;
    if (producer) await producer.disconnect().catch(() => undefined);
  }
}
