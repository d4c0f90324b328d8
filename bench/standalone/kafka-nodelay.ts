/**
 * Broker ack → consumer fetch latency with kafkajs' default socket (Nagle's algorithm on) and with
 * TCP_NODELAY, the socket `KafkaEventBus` uses (issue 13). Runs against an existing broker
 * (KAFKA_BROKERS, e.g. the test stack's 127.0.0.1:29092) on a fresh test topic:
 *
 *   node -r @swc-node/register bench/standalone/kafka-nodelay.ts [rounds=4] [events=300] [partitions=1]
 *
 * Each round runs both sockets one after the other (alternating which goes first), one event every
 * 10 ms, and prints p50 / p90 / p99 of the time from the producer's ack to the consumer's batch.
 */
import { connect } from 'node:net';
import { loadavg } from 'node:os';
import { Kafka, logLevel, type ISocketFactory } from 'kafkajs';
import { createTestTopic, required } from '@rim/testing';

const noDelay: ISocketFactory = ({ host, port, onConnect }) => {
  const socket = connect({ host, port, noDelay: true }, onConnect);
  socket.setKeepAlive(true, 60_000);
  return socket;
};

async function measure(label: string, topic: string, events: number, socketFactory?: ISocketFactory): Promise<number[]> {
  const kafka = new Kafka({
    clientId: `nodelay-bench-${label}`,
    brokers: required('KAFKA_BROKERS').split(','),
    logLevel: logLevel.NOTHING,
    ...(socketFactory ? { socketFactory } : {}),
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: `nodelay-bench-${label}-${Date.now()}`, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
  const acked = new Map<string, number>();
  // A batch can arrive in the same tick as the producer's ack, before the ack is recorded: keep
  // both times and subtract at the end, so the fastest deliveries are not the ones dropped.
  const received = new Map<string, number>();
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: false });
  // The same loop as KafkaEventBus.subscribeBatches: resolve, then heartbeat, per batch.
  await consumer.run({
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
      const now = performance.now();
      for (const m of batch.messages) {
        received.set(m.key?.toString() ?? '', now);
        resolveOffset(m.offset);
      }
      await heartbeat();
    },
  });
  while (!joined) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 1_000));
  for (let i = 0; i < events; i++) {
    const key = `${label}-${i}`;
    await producer.send({ topic, acks: -1, messages: [{ key, value: 'x' }] });
    acked.set(key, performance.now());
    await new Promise((r) => setTimeout(r, 10));
  }
  await new Promise((r) => setTimeout(r, 2_000));
  await consumer.disconnect();
  await producer.disconnect();
  return [...acked].flatMap(([key, at]) => {
    const got = received.get(key);
    return got === undefined ? [] : [Math.max(0, got - at)];
  });
}

function quantiles(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]?.toFixed(1);
  return `n=${sorted.length} p50 ${q(0.5)} p90 ${q(0.9)} p99 ${q(0.99)} ms`;
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 4);
  const events = Number(process.argv[3] ?? 300);
  const partitions = Number(process.argv[4] ?? 1);
  const topic = await createTestTopic('nodelay-bench', partitions);
  const all = { nagle: [] as number[], nodelay: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['nagle', 'nodelay'] as const) : (['nodelay', 'nagle'] as const);
    for (const label of order) {
      const latencies = await measure(`${label}-${round}`, topic, events, label === 'nodelay' ? noDelay : undefined);
      all[label].push(...latencies);
      console.log(`round ${round + 1} ${label.padEnd(7)}: ${quantiles(latencies)}, load ${loadavg()[0].toFixed(1)}`);
    }
  }
  console.log(`all rounds, Nagle on (kafkajs default): ${quantiles(all.nagle)}`);
  console.log(`all rounds, TCP_NODELAY (KafkaEventBus):  ${quantiles(all.nodelay)}`);
}

void main().then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
