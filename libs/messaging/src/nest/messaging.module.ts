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
import { purgeMessagingTables } from '../retention/messaging-retention';

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
  /** Days published outbox rows and processed inbox rows are kept (default 30; see purgeMessagingTables). */
  retentionDays?: number;
}

/** How often the outbox and inbox are purged of old rows. */
const RETENTION_EVERY_MS = 6 * 3_600_000;

/** One part of a service's health: up, or down and why. */
export interface HealthReport {
  name: string;
  up: boolean;
  detail?: string;
}

/** How long a health check waits for the broker. */
const BROKER_PING_MS = 1_500;

/** Starts the outbox relay and the inbox consumer with the application, stops them with it. */
@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Messaging');
  private relay: OutboxRelay | null = null;
  private inbox: InboxConsumer | null = null;
  private subscribeError: string | null = null;
  private stopping = false;
  private retentionTimer: NodeJS.Timeout | null = null;

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
    const purge = () =>
      purgeMessagingTables(this.dataSource, { olderThanDays: this.options.retentionDays ?? 30 })
        .then(({ outbox, inbox }) => {
          if (outbox || inbox) this.logger.log(`retention: deleted ${outbox} published outbox rows and ${inbox} inbox rows`);
        })
        .catch((e) => this.logger.warn(`retention: ${(e as Error).message}`));
    void purge();
    this.retentionTimer = setInterval(() => void purge(), RETENTION_EVERY_MS);
    this.retentionTimer.unref();
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
        this.subscribeError = null;
        if (attempt > 1) this.logger.log(`inbox consumer started after ${attempt} attempts`);
        return;
      } catch (e) {
        this.subscribeError = (e as Error).message;
        this.logger.error(`inbox consumer failed to start (attempt ${attempt}, next in ${delay / 1000} s): ${(e as Error).message}`);
        await inbox.stop().catch(() => undefined);
        await new Promise((r) => setTimeout(r, delay).unref());
      }
    }
  }

  /** The inbox consumer's part of the health report; none for a service that consumes nothing. */
  consumerHealth(): HealthReport | null {
    if (!this.inbox) return null;
    const status = this.inbox.status();
    const detail = !status.running && this.subscribeError ? `${status.detail}: ${this.subscribeError}` : status.detail;
    return { name: `consumer ${this.options.service}`, up: status.running, detail };
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    await this.inbox?.stop().catch(() => undefined);
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
    private readonly lifecycle: MessagingLifecycle,
  ) {}

  async check(): Promise<HealthReport[]> {
    const reports: HealthReport[] = [];
    try {
      await this.bus.ping(BROKER_PING_MS);
      reports.push({ name: 'broker', up: true });
    } catch (error) {
      reports.push({ name: 'broker', up: false, detail: `unreachable: ${(error as Error).message}` });
    }
    const consumer = this.lifecycle.consumerHealth();
    if (consumer) reports.push(consumer);
    return reports;
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
        MessagingHealth,
      ],
      exports: [OutboxWriter, EVENT_BUS, MessagingHealth],
    };
  }
}
