import type { DescMessage } from '@bufbuild/protobuf';
import { Logger, type INestApplication } from '@nestjs/common';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { DataSource } from 'typeorm';
import { InboxConsumer, type InboxConsumerOptions } from '../inbox/inbox-consumer';
import type { IntegrationEventHandler } from '../inbox/integration-event-handler';
import type { EventBus } from '../kafka/event-bus';
import { InboxContext } from './inbox-context';
import { EVENT_SCHEMA, INBOX_TRANSPORT } from './on-event.decorator';

/** One part of a service's health: up, or down and why. */
export interface HealthReport {
  name: string;
  up: boolean;
  detail?: string;
}

export interface InboxTransportOptions extends Omit<InboxConsumerOptions, 'handlers' | 'onDeadLetter'> {
  /** Whether the service registered handlers: a service that consumes nothing reports no consumer. */
  consumes: boolean;
}

/**
 * The inbox consumer as a Nest custom transport strategy (decision 0027). Nest finds the
 * `@OnEvent` (`@EventPattern`) methods of the service's controllers and hands them to this server;
 * `listen` subscribes an {@link InboxConsumer} to their topics, which decodes each record, records
 * its id in the inbox and runs the Nest handler in that same transaction, so the commit, the
 * inbox, the batching and the retry budget stay ours, where Nest's Kafka transport hides them.
 *
 * A handler's error reaches the consumer unchanged (KeepHandlerErrorFilter): it rolls the
 * transaction back and spends one attempt, or none if it says the database is unreachable.
 * `listen` answers at once and subscribes in the background, retrying with backoff: a service
 * answers requests while the broker is away, and a consumer that failed once does not stay absent.
 *
 * @example
 * app.connectMicroservice({ strategy: app.get(InboxTransport) });
 * await app.startAllMicroservices();
 */
export class InboxTransport extends Server implements CustomTransportStrategy {
  override readonly transportId = INBOX_TRANSPORT;
  private readonly log = new Logger('Messaging');
  private inbox: InboxConsumer | null = null;
  private subscribeError: string | null = null;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly options: InboxTransportOptions,
  ) {
    super();
  }

  /**
   * The Nest handlers registered on this transport, as the plain handlers the InboxConsumer
   * applies. Throws on a handler the inbox cannot apply: a `@MessagePattern` (the inbox answers
   * nobody), a pattern without a schema, or two handlers for one topic.
   */
  integrationEventHandlers(): IntegrationEventHandler[] {
    return [...this.getHandlers()].map(([topic, handler]) => this.asIntegrationEventHandler(topic, handler));
  }

  private asIntegrationEventHandler(topic: string, handler: MessageHandler): IntegrationEventHandler {
    if (!handler.isEventHandler) throw new Error(`${topic}: the inbox applies events, it answers no message; use @OnEvent`);
    if (handler.next) throw new Error(`two handlers for topic ${topic}`);
    const schema = handler.extras?.[EVENT_SCHEMA] as DescMessage | undefined;
    if (!schema) throw new Error(`the handler of ${topic} names no schema: use @OnEvent(topic, Schema)`);
    return {
      topic,
      schema,
      handle: async (event, meta, tx) => {
        // Nest answers with the handler's value, or an observable of it, or of its error.
        const result: unknown = await handler(event, new InboxContext([tx, meta, topic]));
        await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
      },
    };
  }

  listen(callback: (error?: unknown) => void): void {
    let handlers: IntegrationEventHandler[];
    try {
      handlers = this.integrationEventHandlers();
    } catch (error) {
      callback(error);
      return;
    }
    if (handlers.length > 0) {
      this.stopping = false;
      this.inbox = new InboxConsumer(this.dataSource, this.bus, {
        ...this.options,
        handlers,
        onDeadLetter: (r, e) => this.log.error(`dead-lettered ${r.topic}@${r.partition}:${r.offset}: ${(e as Error).message}`),
      });
      // Not awaited: a service answers requests even while the broker is unreachable.
      void this.startInbox(this.inbox);
    }
    callback();
  }

  /**
   * Starts the consumer, retrying with backoff (1 s doubling to 30 s) while the broker is down or a
   * topic is missing: a consumer that failed once must not stay silently absent.
   */
  private async startInbox(inbox: InboxConsumer): Promise<void> {
    for (let attempt = 1, delay = 1_000; !this.stopping; attempt++, delay = Math.min(delay * 2, 30_000)) {
      try {
        await inbox.start();
        this.subscribeError = null;
        if (attempt > 1) this.log.log(`inbox consumer started after ${attempt} attempts`);
        return;
      } catch (e) {
        this.subscribeError = (e as Error).message;
        this.log.error(`inbox consumer failed to start (attempt ${attempt}, next in ${delay / 1000} s): ${(e as Error).message}`);
        await inbox.stop().catch(() => undefined);
        await new Promise((r) => setTimeout(r, delay).unref());
      }
    }
  }

  /** The inbox consumer's part of the health report; none for a service that consumes nothing. */
  consumerHealth(): HealthReport | null {
    if (!this.options.consumes) return null;
    if (!this.inbox) return { name: `consumer ${this.options.consumer}`, up: false, detail: 'not started: the inbox transport is not connected' };
    const status = this.inbox.status();
    const detail = !status.running && this.subscribeError ? `${status.detail}: ${this.subscribeError}` : status.detail;
    return { name: `consumer ${this.options.consumer}`, up: status.running, detail };
  }

  /** Stops the consumer; a record still being retried is left uncommitted, for Kafka to deliver again. */
  async close(): Promise<void> {
    this.stopping = true;
    await this.inbox?.stop().catch(() => undefined);
    this.inbox = null;
  }

  on(): never {
    throw new Error('the inbox transport emits no events to listen to; read consumerHealth()');
  }

  unwrap<T>(): T {
    return this.inbox as T;
  }
}

/**
 * The name MessagingModule also provides its InboxTransport under: `libs/testing` connects the
 * transport by this name, since it may not import this library (whose own suites use it).
 */
export const INBOX_TRANSPORT_TOKEN = 'InboxTransport';

/**
 * Connects the service's inbox transport to its Nest app as a hybrid microservice and starts it:
 * what `runService` and `startSubgraphUnderTest` call once the app listens. Nothing happens for an
 * app without MessagingModule.
 *
 * @example
 * await app.listen(port);
 * await startInboxTransport(app);
 */
export async function startInboxTransport(app: INestApplication): Promise<void> {
  let strategy: InboxTransport;
  try {
    strategy = app.get<string, InboxTransport>(INBOX_TRANSPORT_TOKEN, { strict: false });
  } catch {
    return; // no MessagingModule: nothing to consume
  }
  app.connectMicroservice({ strategy }, { inheritAppConfig: false });
  await app.startAllMicroservices();
}
