import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Type,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventBus } from '../kafka/event-bus';
import { KafkaEventBus } from '../kafka/kafka-event-bus';
import { OutboxRelay } from '../outbox/outbox-relay';
import { OutboxWriter } from '../outbox/outbox-writer';
import { purgeMessagingTables } from '../retention/messaging-retention';
import { INBOX_TRANSPORT_TOKEN, InboxTransport, type HealthReport } from './inbox-transport';

export type { HealthReport } from './inbox-transport';

export const EVENT_BUS = Symbol('EVENT_BUS');
const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface MessagingModuleOptions {
  /** This service's name: the CloudEvents `source`, the Kafka client id and the inbox consumer. */
  service: string;
  brokers: string[];
  /**
   * The `@Controller()` classes whose `@OnEvent` methods handle the events this service consumes;
   * registered as controllers of this module, resolved from the Nest container, applied by the
   * InboxTransport once `startInboxTransport(app)` connects it.
   */
  handlers?: Array<Type<unknown>>;
  /** Days published outbox rows and processed inbox rows are kept (default 30; see purgeMessagingTables). */
  retentionDays?: number;
}

/** How often the outbox and inbox are purged of old rows. */
const RETENTION_EVERY_MS = 6 * 3_600_000;

/** How long a health check waits for the broker. */
const BROKER_PING_MS = 1_500;

/**
 * Starts the outbox relay with the application, stops it and the broker client with it. The inbox
 * consumer is the InboxTransport's: Nest closes the microservices (so the consumer) before the
 * shutdown hooks, so the order stays consumer, relay, broker client.
 */
@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Messaging');
  private relay: OutboxRelay | null = null;
  private retentionTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    private readonly inbox: InboxTransport,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.relay = new OutboxRelay(this.dataSource, this.bus, {
      onError: (e) => this.logger.warn(`outbox relay: ${(e as Error).message}; retrying`),
    });
    this.relay.start();
    const purge = () =>
      purgeMessagingTables(this.dataSource, { olderThanDays: this.options.retentionDays ?? 30 })
        .then(({ outbox, inbox }) => {
          if (outbox || inbox) this.logger.log(`retention: deleted ${outbox} published outbox rows and ${inbox} inbox rows`);
        })
        .catch((e) => this.logger.warn(`retention: ${(e as Error).message}`));
    void purge();
    this.retentionTimer = setInterval(() => void purge(), RETENTION_EVERY_MS);
    this.retentionTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    // Already closed by Nest when connected as a microservice; an app that never connected it
    // (an application context) has nothing to stop.
    await this.inbox.close();
    await this.relay?.stop();
    await this.bus.close();
  }
}

/**
 * The broker and the inbox consumer as `/healthz` reports them (HealthController in
 * `@rim/service-kit`): the broker must answer within 1.5 s, the consumer must be in its group.
 *
 * @example
 * const reports = await messagingHealth.check(); // [{ name: 'broker', up: true }, { name: 'consumer booking', up: false, detail: 'crashed: ...' }]
 */
@Injectable()
export class MessagingHealth {
  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly inbox: InboxTransport,
  ) {}

  async check(): Promise<HealthReport[]> {
    const reports: HealthReport[] = [];
    try {
      await this.bus.ping(BROKER_PING_MS);
      reports.push({ name: 'broker', up: true });
    } catch (error) {
      reports.push({ name: 'broker', up: false, detail: `unreachable: ${(error as Error).message}` });
    }
    const consumer = this.inbox.consumerHealth();
    if (consumer) reports.push(consumer);
    return reports;
  }
}

/**
 * Outbox writer, relay and inbox transport for one service, on Kafka. The handlers are
 * controllers of this module; `startInboxTransport(app)` (called by `runService`) connects the
 * transport that applies them.
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
        {
          provide: InboxTransport,
          useFactory: (dataSource: DataSource, bus: EventBus) =>
            new InboxTransport(dataSource, bus, { consumer: options.service, consumes: handlers.length > 0 }),
          inject: [DataSource, EVENT_BUS],
        },
        { provide: INBOX_TRANSPORT_TOKEN, useExisting: InboxTransport },
        MessagingLifecycle,
        MessagingHealth,
      ],
      controllers: handlers,
      exports: [OutboxWriter, EVENT_BUS, MessagingHealth, InboxTransport, INBOX_TRANSPORT_TOKEN],
    };
  }
}
