import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { required } from './test-env';

export interface SeenRecord {
  topic: string;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

/**
 * A test consumer that records what is published on some topics after it starts, and lets a test
 * wait for the record it expects. It reads from the beginning and keeps records created after its
 * start: a "latest offset" consumer misses records that land before its first fetch of a partition.
 *
 * @example
 * const probe = await KafkaProbe.start(['directory.organisation-registered.v1']);
 * const record = await probe.waitFor((r) => r.key === id);
 * await probe.stop();
 */
export class KafkaProbe {
  readonly records: SeenRecord[] = [];
  private waiters: Array<() => void> = [];

  private constructor(private readonly consumer: Consumer) {}

  static async start(topics: string[], fromBeginning = false): Promise<KafkaProbe> {
    const since = fromBeginning ? 0 : Date.now();
    const kafka = new Kafka({ clientId: 'test-probe', brokers: required('KAFKA_BROKERS').split(','), logLevel: logLevel.NOTHING });
    // A short metadata age: topics created just before the probe still get their partitions fetched.
    const consumer = kafka.consumer({ groupId: `probe-${randomUUID()}`, sessionTimeout: 30_000, heartbeatInterval: 1_000, metadataMaxAge: 2_000 });
    const probe = new KafkaProbe(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    let assigned!: () => void;
    const joined = new Promise<void>((resolve) => (assigned = resolve));
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      if (process.env.PROBE_DEBUG) process.stderr.write(`[probe] joined: ${JSON.stringify(e.payload.memberAssignment)}\n`);
      assigned();
    });
    consumer.on(consumer.events.CRASH, (e) => process.stderr.write(`[probe] consumer crashed: ${e.payload.error.stack}\n`));
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        if (Number(message.timestamp) < since) return;
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = v.toString();
        probe.records.push({ topic, partition, offset: message.offset, key: message.key?.toString() ?? '', value: message.value ?? Buffer.alloc(0), headers });
        probe.waiters.splice(0).forEach((w) => w());
      },
    });
    await joined;
    return probe;
  }

  async waitFor(predicate: (r: SeenRecord) => boolean, timeoutMs = 30_000): Promise<SeenRecord> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.records.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching record within ${timeoutMs} ms (saw ${this.records.length})`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 500));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
