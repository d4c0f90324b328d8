import type { DataSource } from 'typeorm';
import type { EventBus } from '../kafka/event-bus';
import { OutboxMessage } from './outbox-message.entity';

/** The advisory lock key of the outbox relay (any constant: one outbox table per database). */
const RELAY_LOCK = 0x6f7574626f78; // "outbox"

export interface OutboxRelayOptions {
  /** Rows published per round trip to the broker. */
  batchSize?: number;
  /** Pause between polls when the outbox is empty. */
  idleDelayMs?: number;
  /** Upper bound of the pause after a failed publish (doubles from idleDelayMs). */
  maxBackoffMs?: number;
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
 * Replicas of a service run one relay each on one database: only one of them publishes at a time
 * (a transaction-level advisory lock), the others find it taken and wait for their next poll.
 * With `SKIP LOCKED` alone, a second relay took the rows after the first one's batch and could
 * publish them first, so an aggregate's later event reached the topic before its earlier one
 * (issue 14). A relay that dies releases the lock with its connection, and another takes over.
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
      const [{ mine }]: Array<{ mine: boolean }> = await tx.query(`SELECT pg_try_advisory_xact_lock($1) AS mine`, [RELAY_LOCK]);
      if (!mine) return 0; // another replica's relay is publishing
      const rows = await tx
        .getRepository(OutboxMessage)
        .createQueryBuilder('m')
        .where('m.published_at IS NULL')
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

  /** Asks the loop to poll now instead of after its idle delay (called after a commit). */
  nudge(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    let backoff = this.idleDelayMs;
    while (this.running) {
      let delay = this.idleDelayMs;
      try {
        const published = await this.publishBatch();
        backoff = this.idleDelayMs;
        if (published === this.batchSize) delay = 0;
      } catch (error) {
        this.options.onError?.(error);
        backoff = Math.min(backoff * 2, this.maxBackoffMs);
        delay = backoff;
      }
      if (delay > 0 && this.running) {
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
