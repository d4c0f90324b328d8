import { fromBinary, type DescMessage } from '@bufbuild/protobuf';
import type { DataSource } from 'typeorm';
import { HEADER, MalformedEventError, readMetadata, type EventMetadata } from '../event-headers';
import type { EventBus, IncomingRecord, Subscription, SubscriptionStatus } from '../kafka/event-bus';
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
}

/** The dead-letter topic of a topic: `<topic>.dlq`. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

/**
 * Consumes integration events exactly once in effect: the event id goes into `inbox_message` in
 * the same transaction as the handler's writes, so a redelivery finds the row and does nothing.
 * A failing event is retried `maxAttempts` times, then copied to `<topic>.dlq` with the error in
 * its headers and its offset committed, so one poison event never blocks its partition.
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
    this.subscription = await this.bus.subscribe(this.options.consumer, [...this.handlers.keys()], (r) =>
      this.process(r),
    );
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
        if (attempt < this.maxAttempts) {
          await new Promise((r) => setTimeout(r, this.retryDelayMs * 2 ** (attempt - 1)));
        }
      }
    }
    await this.deadLetter(record, lastError, this.maxAttempts);
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
