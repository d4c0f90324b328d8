import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InboxConsumer } from '../inbox/inbox-consumer';
import type { IntegrationEventHandler } from '../inbox/integration-event-handler';
import type { EventBus } from '../kafka/event-bus';
import { KafkaEventBus } from '../kafka/kafka-event-bus';
import { OutboxRelay } from '../outbox/outbox-relay';
import { OutboxWriter } from '../outbox/outbox-writer';

export const EVENT_BUS = Symbol('EVENT_BUS');
const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
const EVENT_HANDLERS = Symbol('EVENT_HANDLERS');

export interface MessagingModuleOptions {
  /** This service's name: the CloudEvents `source`, the Kafka client id and the inbox consumer. */
  service: string;
  brokers: string[];
  /** Handler classes for the events this service consumes; resolved from the Nest container. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handlers?: Array<new (...args: any[]) => IntegrationEventHandler>;
}

/** Starts the outbox relay and the inbox consumer with the application, stops them with it. */
@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Messaging');
  private relay: OutboxRelay | null = null;
  private inbox: InboxConsumer | null = null;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    @Inject(EVENT_HANDLERS) private readonly handlers: IntegrationEventHandler[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.relay = new OutboxRelay(this.dataSource, this.bus, {
      onError: (e) => this.logger.warn(`outbox relay: ${(e as Error).message}; retrying`),
    });
    this.relay.start();
    if (this.handlers.length > 0) {
      this.inbox = new InboxConsumer(this.dataSource, this.bus, {
        consumer: this.options.service,
        handlers: this.handlers,
        onDeadLetter: (r, e) =>
          this.logger.error(`dead-lettered ${r.topic}@${r.partition}:${r.offset}: ${(e as Error).message}`),
      });
      // Not awaited: a service answers requests even while the broker is unreachable.
      void this.startInbox(this.inbox);
    }
  }

  /**
   * Starts the consumer, retrying with backoff (1 s doubling to 30 s) while the broker is down or a
   * topic is missing: a consumer that failed once must not stay silently absent.
   */
  private async startInbox(inbox: InboxConsumer): Promise<void> {
    for (let attempt = 1, delay = 1_000; !this.stopping; attempt++, delay = Math.min(delay * 2, 30_000)) {
      try {
        await inbox.start();
        if (attempt > 1) this.logger.log(`inbox consumer started after ${attempt} attempts`);
        return;
      } catch (e) {
        this.logger.error(`inbox consumer failed to start (attempt ${attempt}, next in ${delay / 1000} s): ${(e as Error).message}`);
        await inbox.stop().catch(() => undefined);
        await new Promise((r) => setTimeout(r, delay).unref());
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.inbox?.stop().catch(() => undefined);
    await this.relay?.stop();
    await this.bus.close();
  }
}

/**
 * Outbox writer, relay and inbox consumer for one service, on Kafka.
 *
 * @example
 * MessagingModule.forRoot({ service: 'booking', brokers: config.KAFKA_BROKERS,
 *   handlers: [OrganisationRegisteredHandler] })
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    const handlers = options.handlers ?? [];
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: EVENT_BUS,
          useFactory: () => new KafkaEventBus({ clientId: options.service, brokers: options.brokers }),
        },
        { provide: OutboxWriter, useFactory: () => new OutboxWriter(options.service) },
        ...handlers,
        {
          provide: EVENT_HANDLERS,
          useFactory: (...instances: IntegrationEventHandler[]) => instances,
          inject: handlers,
        },
        MessagingLifecycle,
      ],
      exports: [OutboxWriter, EVENT_BUS],
    };
  }
}
