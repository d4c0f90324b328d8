import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Client } from 'pg';
import { Controller, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { OrganisationRegisteredSchema, type OrganisationRegistered } from '@rim/contracts';
import {
  InboxTransport,
  KafkaEventBus,
  MESSAGING_MIGRATIONS,
  OutboxRelay,
  OutboxWriter,
  messagingEntities,
  newTrace,
  OnEvent,
  type EventBus,
  type InboxContext,
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
  /** Events applied per second by the consumer, from the clock start to the last effect. */
  appliedRate: number;
  p50: number;
  p99: number;
  max: number;
  /** p50 / p99 of each stage, in ms, over the applied events. */
  stages: Array<{ stage: string; p50: number; p99: number }>;
  /** Rows per relay publish (p50 / max): how much the relay batches. */
  relayBatch: { p50: number; max: number };
  /** Records per inbox transaction (p50 / max). */
  inboxBatch: { p50: number; max: number };
  /**
   * Delay of this process's event loop (p50 / p99 / max ms) while the run wrote and drained: writer,
   * relay and consumer share the loop, so a stall here delays every stage after it (decision 0052).
   */
  eventLoop: { p50: number; p99: number; max: number };
  load: string;
}

interface Mode {
  label: string;
  wakeOnCommit: boolean;
  batched: boolean;
}

const MODES: Mode[] = [
  { label: 'LISTEN/NOTIFY, batched inbox', wakeOnCommit: true, batched: true },
  { label: 'poll only (200 ms), batched inbox', wakeOnCommit: false, batched: true },
  { label: 'LISTEN/NOTIFY, inbox per event (before)', wakeOnCommit: true, batched: false },
];

/** When each stage of each event's path happened (performance.now()), by message key. */
class StageClock {
  readonly picked = new Map<string, number>();
  readonly acked = new Map<string, number>();
  readonly received = new Map<string, number>();
  readonly applied = new Map<string, number>();
  readonly relayBatches: number[] = [];
  readonly inboxBatches: number[] = [];

  private static first(map: Map<string, number>, key: string, at: number): void {
    if (!map.has(key)) map.set(key, at);
  }

  /** The relay's bus: a publish starts once the relay has picked its rows, ends at the broker's ack. */
  relayBus(inner: EventBus): EventBus {
    return {
      ping: (ms) => inner.ping(ms),
      close: () => inner.close(),
      subscribe: (g, t, h) => inner.subscribe(g, t, h),
      publish: async (records) => {
        const picked = performance.now();
        await inner.publish(records);
        const acked = performance.now();
        if (records.length) this.relayBatches.push(records.length);
        for (const r of records) {
          StageClock.first(this.picked, r.key, picked);
          StageClock.first(this.acked, r.key, acked);
        }
      },
    };
  }

  /**
   * The consumer's bus: a record is received when the inbox gets it, applied when the inbox has
   * committed its transaction (a batch's commit() comes after; a single record's handler resolves
   * after).
   */
  consumerBus(inner: EventBus): EventBus {
    const bus: EventBus = {
      ping: (ms) => inner.ping(ms),
      close: () => inner.close(),
      publish: (records) => inner.publish(records),
      subscribe: (g, t, handle) =>
        inner.subscribe(g, t, async (record) => {
          StageClock.first(this.received, record.key, performance.now());
          await handle(record);
          this.inboxBatches.push(1);
          StageClock.first(this.applied, record.key, performance.now());
        }),
    };
    const batches = inner.subscribeBatches?.bind(inner);
    if (batches) {
      bus.subscribeBatches = (g, t, handle) =>
        batches(g, t, async (batch) => {
          const now = performance.now();
          for (const r of batch.records) StageClock.first(this.received, r.key, now);
          let done = 0;
          await handle({
            records: batch.records,
            stale: () => batch.stale(),
            commit: async (upTo) => {
              const at = performance.now();
              const until = batch.records.indexOf(upTo);
              this.inboxBatches.push(until + 1 - done);
              for (const r of batch.records.slice(done, until + 1)) StageClock.first(this.applied, r.key, at);
              done = until + 1;
              await batch.commit(upTo);
            },
          });
        });
    }
    return bus;
  }
}

const quantile = (sorted: number[], q: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : Number.NaN;

/**
 * Applies each event with one statement in the inbox transaction, as a light handler does, written
 * and run as the services' handlers are: an `@OnEvent` method applied through Nest by the
 * InboxTransport (decision 0027). The latency measured is commit → relay → Kafka → consumer →
 * inbox transaction committed, the path every cross-service effect takes (StageClock notes each step).
 */
function probeConsumerFor(topic: string) {
  @Controller()
  class ProbeHandler {
    @OnEvent(topic, OrganisationRegisteredSchema)
    async handle(_event: OrganisationRegistered, { tx }: InboxContext): Promise<void> {
      await tx.query('SELECT 1');
    }
  }
  @Module({ controllers: [ProbeHandler] })
  class ProbeConsumer {}
  return ProbeConsumer;
}

async function runOnce(
  ctx: BenchContext,
  dataSource: DataSource,
  mode: Mode,
  rate: number | 'max',
  seconds: number,
): Promise<LatencyRun> {
  const { wakeOnCommit, batched } = mode;
  const brokers = ctx.stack.kafka.brokers;
  const label = `${wakeOnCommit ? 'wake' : 'poll'}-${batched ? 'batch' : 'single'}-${rate}-${randomUUID().slice(0, 8)}`;
  // A topic of its own per run: a new consumer group reads from the beginning, and must not
  // replay (and wait for) the events of the runs before it.
  const topic = `bench.event-latency.${label}.v1`;
  await ensureTopics(brokers, [topic], () => undefined);
  const relayBus = new KafkaEventBus({ clientId: `bench-relay-${label}`, brokers });
  const consumerBus = new KafkaEventBus({ clientId: `bench-consumer-${label}`, brokers });
  const clock = new StageClock();
  const relay = new OutboxRelay(dataSource, clock.relayBus(relayBus), { wakeOnCommit });
  const inbox = new InboxTransport(dataSource, clock.consumerBus(consumerBus), { consumer: `bench-${label}`, consumes: true, batched });
  let app: INestApplication | undefined;
  const writer = new OutboxWriter('bench');
  const committed = new Map<string, number>();
  try {
    await relayBus.publish([]);
    app = await NestFactory.create(probeConsumerFor(topic), { logger: ['error'] });
    app.connectMicroservice({ strategy: inbox });
    await app.startAllMicroservices();
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
    while (!clock.applied.has(warmUp) && performance.now() < joinBy) await new Promise((r) => setTimeout(r, 50));
    clock.relayBatches.length = 0;
    clock.inboxBatches.length = 0;
    const loadBefore = loadavg()[0];
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
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
    const applied = () => [...committed.keys()].filter((k) => clock.applied.has(k)).length;
    while (applied() < committed.size && performance.now() < drainBy) await new Promise((r) => setTimeout(r, 200));
    loop.disable();
    const done = [...committed.keys()].filter((k) => clock.applied.has(k));
    const sorted = (values: number[]) => values.sort((a, b) => a - b);
    const span = (from: (k: string) => number | undefined, to: (k: string) => number | undefined) =>
      sorted(done.flatMap((k) => {
        const a = from(k);
        const b = to(k);
        return a === undefined || b === undefined ? [] : [b - a];
      }));
    const at = (m: Map<string, number>) => (k: string) => m.get(k);
    const stagePairs: Array<[string, (k: string) => number | undefined, (k: string) => number | undefined]> = [
      ['commit → relay picked', at(committed), at(clock.picked)],
      ['relay picked → broker ack', at(clock.picked), at(clock.acked)],
      ['broker ack → consumer received', at(clock.acked), at(clock.received)],
      ['consumer received → inbox committed', at(clock.received), at(clock.applied)],
    ];
    const latencies = span(at(committed), at(clock.applied));
    const lastEffect = Math.max(...done.map((k) => clock.applied.get(k) ?? 0));
    const batchFigures = (sizes: number[]) => {
      const s = sorted([...sizes]);
      return { p50: quantile(s, 0.5), max: s.at(-1) ?? Number.NaN };
    };
    return {
      mode: mode.label,
      targetRate: rate === 'max' ? 'max (8 writers)' : `${rate}/s`,
      sent: committed.size,
      applied: latencies.length,
      achievedRate: Math.round(committed.size / elapsed),
      appliedRate: Math.round(done.length / ((lastEffect - t0) / 1000)),
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      max: latencies.at(-1) ?? Number.NaN,
      stages: stagePairs.map(([stage, from, to]) => {
        const v = span(from, to);
        return { stage, p50: quantile(v, 0.5), p99: quantile(v, 0.99) };
      }),
      relayBatch: batchFigures(clock.relayBatches),
      inboxBatch: batchFigures(clock.inboxBatches),
      eventLoop: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
      load: `${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}`,
    };
  } finally {
    await relay.stop();
    await app?.close().catch(() => undefined);
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
          for (const mode of MODES) {
            const r = await runOnce(ctx, dataSource, mode, rate, seconds);
            ctx.log(`event-latency ${r.mode} ${r.targetRate}: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.applied}/${r.sent}, applied ${r.appliedRate}/s; ${r.stages.map((s) => `${s.stage} ${s.p50.toFixed(1)}/${s.p99.toFixed(1)}`).join(', ')}; relay rows ${r.relayBatch.p50}/${r.relayBatch.max}, inbox ${r.inboxBatch.p50}/${r.inboxBatch.max}; event loop delay ${r.eventLoop.p50.toFixed(1)}/${r.eventLoop.p99.toFixed(1)}/${r.eventLoop.max.toFixed(1)}; load ${r.load}`);
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
        columns: ['mode', 'target rate', 'written events/s', 'applied events/s', 'applied / sent', 'p50 ms', 'p99 ms', 'max ms', 'load avg (1 min)'],
        rows: runs.map((r) => [r.mode, r.targetRate, r.achievedRate, r.appliedRate, `${r.applied} / ${r.sent}`, ms(r.p50), ms(r.p99), ms(r.max), r.load]),
        notes: [
          'Target: p99 under 50 ms at 100 events/s with LISTEN/NOTIFY. "applied / sent": events applied within 60 s of the last commit. "applied events/s": applied events over the time from the clock start to the last effect; at the max rate, latency is mostly queueing.',
          'Writer, relay and consumer share this process and the 2 cores with Postgres, Kafka and Keycloak.',
        ],
      },
      {
        title: 'Where the time goes: p50 / p99 ms of each stage, and batch sizes',
        columns: ['mode', 'target rate', ...runs[0].stages.map((s) => s.stage), 'rows per relay publish (p50 / max)', 'events per inbox transaction (p50 / max)', 'event-loop delay p50 / p99 / max ms'],
        rows: runs.map((r) => [
          r.mode,
          r.targetRate,
          ...r.stages.map((s) => `${ms(s.p50)} / ${ms(s.p99)}`),
          `${r.relayBatch.p50} / ${r.relayBatch.max}`,
          `${r.inboxBatch.p50} / ${r.inboxBatch.max}`,
          `${ms(r.eventLoop.p50)} / ${ms(r.eventLoop.p99)} / ${ms(r.eventLoop.max)}`,
        ]),
        notes: [
          '"relay picked" is when the relay hands its locked rows to the producer (after NOTIFY or poll, BEGIN, SELECT … FOR UPDATE SKIP LOCKED); "broker ack" when every in-sync replica has them; "consumer received" when kafkajs hands the fetched batch to the inbox; "inbox committed" when the inbox transaction holding the event committed. Stage p99s do not add up to the total p99: each is the 99th percentile of its own stage.',
          'Event-loop delay: perf_hooks.monitorEventLoopDelay (5 ms resolution) of the bench process, which holds the writers, the relay and the consumer, over the writes and the drain.',
        ],
      },
    ];
  },
};
