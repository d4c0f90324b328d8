import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { OrganisationRegisteredSchema, type OrganisationRegistered } from '@rim/contracts';
import {
  InboxConsumer,
  KafkaEventBus,
  MESSAGING_MIGRATIONS,
  OutboxRelay,
  OutboxWriter,
  messagingEntities,
  newTrace,
  type IntegrationEventHandler,
} from '@rim/messaging';
import { ensureTopics } from '@rim/local-stack';
import type { BenchContext, ResultTable, Scenario } from './types';


/** Commit-to-effect figures of one run: the writer commits at a rate, the consumer applies. */
interface LatencyRun {
  mode: string;
  targetRate: string;
  sent: number;
  applied: number;
  achievedRate: number;
  p50: number;
  p99: number;
  max: number;
}

const quantile = (sorted: number[], q: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : Number.NaN;

/**
 * Applies each event by noting when it arrived: the latency measured is commit → relay → Kafka →
 * consumer → inbox transaction committed, the path every cross-service effect takes.
 */
class ArrivalHandler implements IntegrationEventHandler<typeof OrganisationRegisteredSchema> {
  readonly schema = OrganisationRegisteredSchema;
  readonly arrivals = new Map<string, number>();
  constructor(readonly topic: string) {}
  async handle(event: OrganisationRegistered, _meta: unknown, tx: EntityManager): Promise<void> {
    await tx.query('SELECT 1');
    this.arrivals.set(event.organisationId, performance.now());
  }
}

async function runOnce(
  ctx: BenchContext,
  dataSource: DataSource,
  wakeOnCommit: boolean,
  rate: number | 'max',
  seconds: number,
): Promise<LatencyRun> {
  const brokers = ctx.stack.kafka.brokers;
  const label = `${wakeOnCommit ? 'wake' : 'poll'}-${rate}-${randomUUID().slice(0, 8)}`;
  // A topic of its own per run: a new consumer group reads from the beginning, and must not
  // replay (and wait for) the events of the runs before it.
  const topic = `bench.event-latency.${label}.v1`;
  await ensureTopics(brokers, [topic], () => undefined);
  const relayBus = new KafkaEventBus({ clientId: `bench-relay-${label}`, brokers });
  const consumerBus = new KafkaEventBus({ clientId: `bench-consumer-${label}`, brokers });
  const handler = new ArrivalHandler(topic);
  const relay = new OutboxRelay(dataSource, relayBus, { wakeOnCommit });
  const inbox = new InboxConsumer(dataSource, consumerBus, { consumer: `bench-${label}`, handlers: [handler] });
  const writer = new OutboxWriter('bench');
  const committed = new Map<string, number>();
  try {
    await relayBus.publish([]);
    await inbox.start();
    relay.start();
    const write = async (measured = true) => {
      const key = randomUUID();
      await dataSource.transaction((tx) =>
        writer.record(tx, {
          topic,
          key,
          schema: OrganisationRegisteredSchema,
          message: { organisationId: key, siren: '732829320', legalName: 'Bench SAS', nafCode: '25.62B', tier: 2 },
          trace: newTrace(),
        }),
      );
      if (measured) committed.set(key, performance.now());
      return key;
    };
    // The clock starts once the new consumer group has joined and applied a first event: the
    // group's join (and the broker's initial rebalance delay) is not the latency measured here.
    const warmUp = await write(false);
    const joinBy = performance.now() + 60_000;
    while (!handler.arrivals.has(warmUp) && performance.now() < joinBy) await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    const end = t0 + seconds * 1000;
    if (rate === 'max') {
      // Eight writers back to back: as many commits as the database and the machine take.
      await Promise.all(Array.from({ length: 8 }, async () => { while (performance.now() < end) await write(); }));
    } else {
      const interval = 1000 / rate;
      for (let i = 0; performance.now() < end; i++) {
        const due = t0 + i * interval;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        void write();
      }
    }
    const elapsed = (performance.now() - t0) / 1000;
    const drainBy = performance.now() + 60_000;
    const applied = () => [...committed.keys()].filter((k) => handler.arrivals.has(k)).length;
    while (applied() < committed.size && performance.now() < drainBy) await new Promise((r) => setTimeout(r, 200));
    const latencies = [...committed].flatMap(([k, at]) => {
      const seen = handler.arrivals.get(k);
      return seen === undefined ? [] : [seen - at];
    });
    latencies.sort((a, b) => a - b);
    return {
      mode: wakeOnCommit ? 'LISTEN/NOTIFY + poll' : 'poll only (200 ms)',
      targetRate: rate === 'max' ? 'max (8 writers)' : `${rate}/s`,
      sent: committed.size,
      applied: latencies.length,
      achievedRate: Math.round(committed.size / elapsed),
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      max: latencies.at(-1) ?? Number.NaN,
    };
  } finally {
    await relay.stop();
    await inbox.stop().catch(() => undefined);
    await relayBus.close();
    await consumerBus.close();
  }
}

/**
 * Commit-to-consumer-effect latency of an integration event, with the relay woken by the commit
 * (LISTEN/NOTIFY) and with polling alone, from one run on one broker and one database.
 */
export const eventLatency: Scenario = {
  name: 'event-latency',
  description:
    'Commit-to-consumer-effect latency of an integration event (outbox → relay → Kafka → inbox), at 100 events/s and at the highest rate 8 writers reach, with the relay woken by the commit (LISTEN/NOTIFY) and with polling alone.',
  async run(ctx: BenchContext): Promise<ResultTable[]> {
    const admin = new Client({ connectionString: ctx.stack.postgres.urlFor('postgres') });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS bench_event_latency');
    await admin.query('CREATE DATABASE bench_event_latency');
    await admin.end();
    const dataSource = new DataSource({
      type: 'postgres',
      url: ctx.stack.postgres.urlFor('bench_event_latency'),
      entities: [...messagingEntities],
      migrations: MESSAGING_MIGRATIONS,
      logging: ['error'],
      extra: { max: 20 },
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
    const seconds = ctx.config.durationS;
    const runs: LatencyRun[] = [];
    try {
      for (let i = 0; i < ctx.config.runs; i++) {
        for (const rate of [100, 'max'] as const) {
          for (const wake of [true, false]) {
            const r = await runOnce(ctx, dataSource, wake, rate, seconds);
            ctx.log(`event-latency ${r.mode} ${r.targetRate}: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.applied}/${r.sent}`);
            runs.push(r);
          }
        }
      }
    } finally {
      await dataSource.destroy();
    }
    const ms = (v: number) => v.toFixed(1);
    return [
      {
        title: `Commit-to-effect latency, ${seconds} s per run, ${ctx.config.runs} run(s)`,
        columns: ['relay wake-up', 'target rate', 'achieved events/s', 'applied / sent', 'p50 ms', 'p99 ms', 'max ms'],
        rows: runs.map((r) => [r.mode, r.targetRate, r.achievedRate, `${r.applied} / ${r.sent}`, ms(r.p50), ms(r.p99), ms(r.max)]),
        notes: [
          'Target: p99 under 50 ms at 100 events/s with LISTEN/NOTIFY. "applied / sent": events applied within 60 s of the last commit; at the max rate the consumer (one inbox transaction per event) is the bottleneck and its queue grows, so latency there is queueing, not delivery.',
          'Writer, relay and consumer share this process and the 2 cores with Postgres, Kafka and Keycloak.',
        ],
      },
    ];
  },
};
