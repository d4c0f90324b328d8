import type { DataSource, QueryRunner } from 'typeorm';
import type { EventBus } from '../kafka/event-bus';
import { OUTBOX_CHANNEL } from '../outbox-commit-notify.migration';
import { OutboxMessage } from './outbox-message.entity';

export interface OutboxRelayOptions {
  /** Rows published per round trip to the broker. */
  batchSize?: number;
  /** Pause between polls when the outbox is empty. */
  idleDelayMs?: number;
  /** Upper bound of the pause after a failed publish (doubles from idleDelayMs). */
  maxBackoffMs?: number;
  /**
   * Wake on every committed outbox insert (Postgres LISTEN on OUTBOX_CHANNEL, needs the
   * OutboxCommitNotify migration) instead of waiting for the next poll. Default true; false leaves
   * polling alone, as the latency bench's baseline.
   */
  wakeOnCommit?: boolean;
  /**
   * Keep each key's (aggregate's) events in order across several relays on one database (default
   * true). false is the negative control of the two-relay test: SKIP LOCKED alone lets a second
   * relay publish a later event of an aggregate while the first still holds an earlier one.
   */
  orderPerKey?: boolean;
  onError?: (error: unknown) => void;
}

/**
 * Publishes committed outbox rows to the broker, then marks them published.
 *
 * Each poll locks unpublished rows with `FOR UPDATE SKIP LOCKED` inside a transaction, publishes
 * them, and marks them in the same transaction. It never keeps an "id greater than the last seen"
 * cursor: a transaction that took a lower `seq` but committed later would be skipped for ever.
 * If the broker is down, the transaction rolls back and the rows are retried after a backoff:
 * delivery is at least once; consumers deduplicate with their inbox.
 *
 * A committed insert wakes the loop through LISTEN/NOTIFY on a connection of its own, so an event
 * reaches Kafka within milliseconds of its commit; the poll every idleDelayMs remains the safety
 * net when that connection is lost (it is re-opened on the next round).
 *
 * @example
 * const relay = new OutboxRelay(dataSource, bus);
 * relay.start();        // background loop
 * await relay.stop();   // on shutdown
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** A notification that arrived while a batch was being published: poll again before sleeping. */
  private wakeRequested = false;
  private listener: QueryRunner | null = null;
  private backingOff = false;
  private readonly batchSize: number;
  private readonly idleDelayMs: number;
  private readonly maxBackoffMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.idleDelayMs = options.idleDelayMs ?? 200;
    this.maxBackoffMs = options.maxBackoffMs ?? 5_000;
  }

  /**
   * Publishes one batch. Returns how many rows were published; throws if the broker refused them
   * (the rows stay unpublished).
   */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const rows = await tx
        .getRepository(OutboxMessage)
        .createQueryBuilder('m')
        .where('m.published_at IS NULL')
        // One aggregate's events go out from one relay at a time, in seq order: a second relay
        // (another replica) skips every key this one holds until it commits, instead of
        // publishing a later event of the same aggregate first. Released at commit.
        .andWhere(this.options.orderPerKey === false ? 'true' : 'pg_try_advisory_xact_lock(hashtextextended(m.message_key, 0))')
        .orderBy('m.seq', 'ASC')
        .limit(this.batchSize)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (rows.length === 0) return 0;
      // A failure here rolls the transaction back: the rows stay unpublished and are retried.
      await this.bus.publish(
        rows.map((r) => ({ topic: r.topic, key: r.messageKey, value: r.payload, headers: r.headers })),
      );
      await tx
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({ publishedAt: () => 'now()', publishAttempts: () => 'publish_attempts + 1' })
        .whereInIds(rows.map((r) => r.seq))
        .execute();
      return rows.length;
    });
  }

  /** Publishes until the outbox is empty. Useful in tests and at shutdown. */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = await this.publishBatch(); n > 0; n = await this.publishBatch()) total += n;
    return total;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Asks the loop to poll now instead of after its idle delay (each committed insert does). */
  nudge(): void {
    // During a broker outage the backoff wins: a stream of commits must not turn into a retry storm.
    if (this.backingOff) return;
    this.wakeRequested = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
    await this.closeListener();
  }

  /** Opens the LISTEN connection if it is not open; a failure leaves the relay polling. */
  private async ensureListener(): Promise<void> {
    if (this.options.wakeOnCommit === false || this.listener) return;
    const runner = this.dataSource.createQueryRunner();
    try {
      // The query runner's connection is a pg client held for the relay's lifetime.
      const client = (await runner.connect()) as {
        on(event: 'notification', cb: () => void): void;
        on(event: 'error', cb: (e: Error) => void): void;
        on(event: 'end', cb: () => void): void;
      };
      client.on('notification', () => this.nudge());
      client.on('error', (e) => {
        this.options.onError?.(e);
        void this.closeListener();
      });
      client.on('end', () => void this.closeListener());
      await runner.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = runner;
    } catch (error) {
      this.options.onError?.(error);
      await runner.release().catch(() => undefined);
    }
  }

  private async closeListener(): Promise<void> {
    const runner = this.listener;
    this.listener = null;
    if (!runner) return;
    // The connection goes back to the pool: it must not keep listening for its next user.
    await runner.query('UNLISTEN *').catch(() => undefined);
    await runner.release().catch(() => undefined);
  }

  private async run(): Promise<void> {
    let backoff = this.idleDelayMs;
    while (this.running) {
      await this.ensureListener();
      this.wakeRequested = false;
      let delay = this.idleDelayMs;
      try {
        const published = await this.publishBatch();
        backoff = this.idleDelayMs;
        if (published === this.batchSize) delay = 0;
        this.backingOff = false;
      } catch (error) {
        this.options.onError?.(error);
        backoff = Math.min(backoff * 2, this.maxBackoffMs);
        delay = backoff;
        this.backingOff = true;
      }
      if (delay > 0 && this.running && !this.wakeRequested) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    }
  }
}
