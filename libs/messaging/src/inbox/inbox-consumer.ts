import { fromBinary, type DescMessage } from '@bufbuild/protobuf';
import type { DataSource } from 'typeorm';
import { HEADER, MalformedEventError, readMetadata, type EventMetadata } from '../event-headers';
import type { EventBus, IncomingBatch, IncomingRecord, Subscription, SubscriptionStatus } from '../kafka/event-bus';
import type { IntegrationEventHandler } from './integration-event-handler';

export interface InboxConsumerOptions {
  /** Consumer name: Kafka group id and inbox key. One per service and purpose, e.g. `booking`. */
  consumer: string;
  handlers: IntegrationEventHandler[];
  /** Attempts before an event is dead-lettered. */
  maxAttempts?: number;
  /** First pause between attempts; doubles each time. */
  retryDelayMs?: number;
  onDeadLetter?: (record: IncomingRecord, error: unknown) => void;
  /**
   * Apply each fetched batch of a partition in one transaction (default true, when the bus can
   * deliver batches). false applies record by record: one transaction per event, as before
   * decision 0051, kept as the bench's baseline.
   */
  batched?: boolean;
  /** Most events applied in one transaction; a larger fetched batch is split (default 200). */
  maxBatchSize?: number;
}

/** Longest pause between two tries while the database is unreachable. */
const MAX_OUTAGE_PAUSE_MS = 5_000;

/** SQLSTATEs that say the server cannot serve anyone right now, not that this statement is wrong. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'EAI_AGAIN']);

/**
 * Whether an error means the database is unreachable (connection refused or cut, server shutting
 * down or starting) rather than that the event or its handler failed: SQLSTATE class 08, admin or
 * crash shutdown, "cannot connect now", too many connections, socket errors, pg's own messages.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: unknown; message?: unknown; driverError?: { code?: unknown } };
  for (const code of [e.code, e.driverError?.code]) {
    if (typeof code !== 'string') continue;
    if (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code)) return true;
  }
  return /Connection terminated|connection is closed|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(String(e.message ?? ''));
}

/** The dead-letter topic of a topic: `<topic>.dlq`. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

/**
 * Consumes integration events exactly once in effect: the event id goes into `inbox_message` in
 * the same transaction as the handler's writes, so a redelivery finds the row and does nothing.
 * A failing event is retried `maxAttempts` times, then copied to `<topic>.dlq` with the error in
 * its headers and its offset committed, so one poison event never blocks its partition.
 *
 * Batched (decision 0051): the records of one partition that one fetch returned are applied in a
 * single transaction (one inbox insert for all, then each new event's handler, in offset order),
 * and their offsets are committed after it commits. If any of them fails, that transaction rolls
 * back whole and the batch is applied again record by record with the retry budget above, so a
 * poison event costs its neighbours one rollback, never their effect or a second one.
 *
 * @example
 * const inbox = new InboxConsumer(dataSource, bus, { consumer: 'booking',
 *   handlers: [new OrganisationRegisteredHandler()] });
 * await inbox.start();
 */
export class InboxConsumer {
  private readonly handlers = new Map<string, IntegrationEventHandler>();
  private subscription: Subscription | null = null;
  private stopping = false;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly options: InboxConsumerOptions,
  ) {
    for (const h of options.handlers) {
      if (this.handlers.has(h.topic)) throw new Error(`two handlers for topic ${h.topic}`);
      this.handlers.set(h.topic, h);
    }
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryDelayMs = options.retryDelayMs ?? 100;
  }

  async start(): Promise<void> {
    if (this.subscription) return;
    this.stopping = false;
    const topics = [...this.handlers.keys()];
    this.subscription =
      this.options.batched !== false && this.bus.subscribeBatches
        ? await this.bus.subscribeBatches(this.options.consumer, topics, (b) => this.processBatch(b))
        : await this.bus.subscribe(this.options.consumer, topics, (r) => this.process(r));
  }

  /** Subscribed and in its group, or why not. */
  status(): SubscriptionStatus {
    return this.subscription?.status() ?? { running: false, detail: 'not subscribed' };
  }

  async stop(): Promise<void> {
    // A record still being retried is abandoned uncommitted: Kafka redelivers it after restart.
    this.stopping = true;
    await this.subscription?.close();
    this.subscription = null;
  }

  /** Applies one record. Resolves when it is applied, skipped as a duplicate, or dead-lettered. */
  async process(record: IncomingRecord): Promise<void> {
    const handler = this.handlers.get(record.topic);
    if (!handler) return;
    let meta: EventMetadata;
    let event: unknown;
    try {
      meta = readMetadata(record.headers);
      if (meta.type !== handler.schema.typeName) {
        throw new MalformedEventError(`ce_type ${meta.type} is not ${handler.schema.typeName}`);
      }
      event = fromBinary(handler.schema as DescMessage, record.value);
    } catch (error) {
      // Undecodable: retrying cannot help.
      await this.deadLetter(record, error, 0);
      return;
    }
    let lastError: unknown;
    let outage = 0;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      if (this.stopping) throw new Error(`consumer ${this.options.consumer} is stopping`);
      try {
        await this.dataSource.transaction(async (tx) => {
          const inserted: unknown[] = await tx.query(
            `INSERT INTO inbox_message (consumer, event_id, topic, event_type)
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING event_id`,
            [this.options.consumer, meta.id, record.topic, meta.type],
          );
          if (inserted.length === 0) return; // already applied: a redelivery
          await handler.handle(event as never, meta, tx);
        });
        return;
      } catch (error) {
        lastError = error;
        if (isDatabaseUnavailable(error)) {
          // The database is down or restarting: not the event's fault. Waiting does not spend the
          // event's retry budget, else a Postgres restart would send good events to the DLQ.
          outage++;
          attempt--;
          await new Promise((r) => setTimeout(r, Math.min(this.retryDelayMs * 2 ** Math.min(outage, 6), MAX_OUTAGE_PAUSE_MS)));
          continue;
        }
        if (attempt < this.maxAttempts) {
          await new Promise((r) => setTimeout(r, this.retryDelayMs * 2 ** (attempt - 1)));
        }
      }
    }
    await this.deadLetter(record, lastError, this.maxAttempts);
  }

  /**
   * Applies one fetched batch of a partition: each slice of at most maxBatchSize records in one
   * transaction, its offsets committed after that transaction commits.
   */
  async processBatch(batch: IncomingBatch): Promise<void> {
    const size = this.options.maxBatchSize ?? 200;
    for (let from = 0; from < batch.records.length; from += size) {
      // Not committed: Kafka delivers these again, to this consumer or the partition's next owner.
      if (this.stopping) throw new Error(`consumer ${this.options.consumer} is stopping`);
      if (batch.stale()) return;
      const slice = batch.records.slice(from, from + size);
      if (!(await this.applyTogether(slice))) {
        for (const record of slice) await this.process(record);
      }
      await batch.commit(slice[slice.length - 1]);
    }
  }

  /**
   * Applies every record of `records` in one transaction. Returns false, having changed nothing,
   * if one of them cannot be decoded or its handler fails: the caller then applies them one by one.
   */
  private async applyTogether(records: IncomingRecord[]): Promise<boolean> {
    const decoded: Array<{ record: IncomingRecord; handler: IntegrationEventHandler; meta: EventMetadata; event: unknown }> = [];
    for (const record of records) {
      const handler = this.handlers.get(record.topic);
      if (!handler) continue;
      try {
        const meta = readMetadata(record.headers);
        if (meta.type !== handler.schema.typeName) return false;
        decoded.push({ record, handler, meta, event: fromBinary(handler.schema as DescMessage, record.value) });
      } catch {
        return false;
      }
    }
    if (decoded.length === 0) return true;
    try {
      await this.dataSource.transaction(async (tx) => {
        // One statement for the whole batch; an id twice in the batch (a redelivery published
        // twice) is inserted once, and only its first occurrence is applied below.
        const inserted: Array<{ event_id: string }> = await tx.query(
          `INSERT INTO inbox_message (consumer, event_id, topic, event_type)
           SELECT $1, e.id, e.topic, e.type FROM unnest($2::text[], $3::text[], $4::text[]) AS e(id, topic, type)
           ON CONFLICT DO NOTHING RETURNING event_id`,
          [
            this.options.consumer,
            decoded.map((d) => d.meta.id),
            decoded.map((d) => d.record.topic),
            decoded.map((d) => d.meta.type),
          ],
        );
        const fresh = new Set(inserted.map((r) => r.event_id));
        for (const d of decoded) {
          if (!fresh.delete(d.meta.id)) continue; // already applied, or earlier in this batch
          await d.handler.handle(d.event as never, d.meta, tx);
        }
      });
      return true;
    } catch {
      return false;
    }
  }

  private async deadLetter(record: IncomingRecord, error: unknown, attempts: number): Promise<void> {
    this.options.onDeadLetter?.(record, error);
    // If this publish fails the error propagates, the offset is not committed and Kafka delivers
    // the record again: a poison event is parked, never dropped.
    await this.bus.publish([
      {
        topic: deadLetterTopic(record.topic),
        key: record.key,
        value: record.value,
        headers: {
          ...record.headers,
          [HEADER.dlqError]: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          [HEADER.dlqAttempts]: String(attempts),
          [HEADER.dlqOriginalTopic]: record.topic,
          [HEADER.dlqOriginalPartition]: String(record.partition),
          [HEADER.dlqOriginalOffset]: record.offset,
        },
      },
    ]);
  }
}
