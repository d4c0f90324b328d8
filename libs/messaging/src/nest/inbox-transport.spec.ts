import { create, toBinary } from '@bufbuild/protobuf';
import { Controller, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, MessagePattern } from '@nestjs/microservices';
import { OrganisationRegisteredSchema, type OrganisationRegistered } from '@rim/contracts';
import type { DataSource } from 'typeorm';
import { HEADER } from '../event-headers';
import { isDatabaseUnavailable } from '../inbox/inbox-consumer';
import type { EventBus, IncomingRecord, OutgoingRecord } from '../kafka/event-bus';
import type { InboxContext } from './inbox-context';
import { InboxTransport } from './inbox-transport';
import { OnEvent } from './on-event.decorator';

// In-memory stand-ins for Postgres and Kafka: what is checked here is the Nest pipeline between the
// consumer and a handler (the inbox's guarantees against the real parts: libs/messaging/test).
const TOPIC = 'directory.organisation-registered.v1';

function record(legalName: string, id = 'event-1'): IncomingRecord {
  const value = Buffer.from(toBinary(OrganisationRegisteredSchema, create(OrganisationRegisteredSchema, { organisationId: 'o-1', legalName })));
  return { topic: TOPIC, key: 'o-1', value, partition: 0, offset: '0', headers: { [HEADER.id]: id, [HEADER.type]: OrganisationRegisteredSchema.typeName, [HEADER.time]: '2026-01-01T00:00:00Z' } };
}

/** What pg throws while Postgres restarts. */
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

/** A transaction log: each transaction's effects, kept only if it commits. */
class FakeDatabase {
  committed: string[] = [];
  transactions = 0;
  readonly dataSource = {
    transaction: async (work: (tx: unknown) => Promise<void>) => {
      this.transactions++;
      const pending: string[] = [];
      const tx = {
        query: async (_sql: string, params: string[]) => [{ event_id: params[1] }],
        effect: (what: string) => pending.push(what),
      };
      await work(tx);
      this.committed.push(...pending);
    },
  } as unknown as DataSource;
}

/** A broker that hands its subscriber's callback to the test and keeps what is published. */
class FakeBus {
  subscribed: { group: string; topics: string[]; onRecord: (r: IncomingRecord) => Promise<void> } | null = null;
  published: OutgoingRecord[] = [];
  readonly bus = {
    subscribe: async (group: string, topics: string[], onRecord: (r: IncomingRecord) => Promise<void>) => {
      this.subscribed = { group, topics, onRecord };
      return { close: async () => undefined, status: () => ({ running: true, detail: 'in group' }) };
    },
    publish: async (records: OutgoingRecord[]) => void this.published.push(...records),
  } as unknown as EventBus;
}

type Effect = { effect(what: string): void };

/** Fails as the event's legal name says: a handler bug, or the database going away mid-handler. */
@Controller()
class ProbeHandler {
  readonly seen: Array<{ name: string; eventId: string; time: string | undefined; topic: string }> = [];

  @OnEvent(TOPIC, OrganisationRegisteredSchema)
  async handle(event: OrganisationRegistered, context: InboxContext): Promise<void> {
    this.seen.push({ name: event.legalName, eventId: context.meta.id, time: context.meta.time, topic: context.topic });
    (context.tx as unknown as Effect).effect(`applied ${event.legalName}`);
    if (event.legalName === 'POISON') throw new Error('cannot apply a poison event');
    if (event.legalName === 'OUTAGE' && this.seen.length < 8) throw refused();
  }
}

async function appWith(controllers: Array<new (...args: never[]) => unknown>, db = new FakeDatabase(), broker = new FakeBus()) {
  @Module({ controllers })
  class ProbeModule {}
  const app: INestApplication = await NestFactory.create(ProbeModule, { logger: false });
  const transport = new InboxTransport(db.dataSource, broker.bus, { consumer: 'spec', consumes: true, maxAttempts: 3, retryDelayMs: 1, batched: false });
  app.connectMicroservice({ strategy: transport });
  return { app, transport, db, broker };
}

describe('InboxTransport: the inbox consumer as a Nest custom transport', () => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('subscribes to the topics of the @OnEvent handlers and applies each event with its decoded payload, metadata and transaction', async () => {
    const probe = await appWith([ProbeHandler]);
    app = probe.app;
    await app.startAllMicroservices();
    expect(probe.broker.subscribed).toMatchObject({ group: 'spec', topics: [TOPIC] });
    await probe.broker.subscribed!.onRecord(record('Probe SAS'));
    expect(app.get(ProbeHandler).seen).toEqual([{ name: 'Probe SAS', eventId: 'event-1', time: '2026-01-01T00:00:00Z', topic: TOPIC }]);
    expect(probe.db.committed).toEqual(['applied Probe SAS']);
    expect(probe.transport.consumerHealth()).toEqual({ name: 'consumer spec', up: true, detail: 'in group' });
  });

  it('a handler error rolls the transaction back, spends the retry budget and dead-letters the event with the error it threw', async () => {
    const probe = await appWith([ProbeHandler]);
    app = probe.app;
    await app.startAllMicroservices();
    await probe.broker.subscribed!.onRecord(record('POISON'));
    expect(app.get(ProbeHandler).seen).toHaveLength(3);
    expect(probe.db.committed).toEqual([]);
    expect(probe.broker.published.map((r) => [r.topic, r.headers[HEADER.dlqAttempts], r.headers[HEADER.dlqError]])).toEqual([
      [`${TOPIC}.dlq`, '3', 'Error: cannot apply a poison event'],
    ]);
  });

  it('a handler that meets an unreachable database spends no attempt: applied once the database is back, nothing dead-lettered', async () => {
    const probe = await appWith([ProbeHandler]);
    app = probe.app;
    await app.startAllMicroservices();
    await probe.broker.subscribed!.onRecord(record('OUTAGE'));
    expect(app.get(ProbeHandler).seen).toHaveLength(8); // more tries than the budget of 3
    expect(probe.db.committed).toEqual(['applied OUTAGE']);
    expect(probe.broker.published).toEqual([]);
  });

  it("negative control: through Nest's own @EventPattern and its default filter, the same outage error arrives as 'Internal server error' and would spend the budget", async () => {
    @Controller()
    class PlainPattern {
      @EventPattern(TOPIC, { eventSchema: OrganisationRegisteredSchema })
      async handle(): Promise<void> {
        throw refused();
      }
    }
    const probe = await appWith([PlainPattern]);
    app = probe.app;
    const [handler] = probe.transport.integrationEventHandlers();
    const error = await handler.handle(create(OrganisationRegisteredSchema), { id: 'e' } as never, {} as never).catch((e: unknown) => e);
    expect(error).toEqual({ status: 'error', message: 'Internal server error' });
    expect(isDatabaseUnavailable(error)).toBe(false);
    // With @OnEvent, the handler's own error, as thrown.
    const keep = await appWith([ProbeHandler]);
    await keep.app.startAllMicroservices();
    const [kept] = keep.transport.integrationEventHandlers();
    const outage = await kept.handle(create(OrganisationRegisteredSchema, { legalName: 'OUTAGE' }), { id: 'e' } as never, { effect: () => undefined } as never).catch((e: unknown) => e);
    expect(isDatabaseUnavailable(outage)).toBe(true);
    await keep.app.close();
  });

  it('refuses what the inbox cannot apply: a @MessagePattern, a pattern without schema, two handlers for one topic', async () => {
    @Controller()
    class Request {
      @MessagePattern(TOPIC)
      answer(): string {
        return 'pong';
      }
    }
    @Controller()
    class NoSchema {
      @EventPattern(TOPIC)
      async handle(): Promise<void> {}
    }
    @Controller()
    class SecondProbe {
      @OnEvent(TOPIC, OrganisationRegisteredSchema)
      async handle(): Promise<void> {}
    }
    for (const [controllers, reason] of [
      [[Request], /answers no message/],
      [[NoSchema], /names no schema/],
      [[ProbeHandler, SecondProbe], /two handlers for topic/],
    ] as const) {
      const probe = await appWith([...controllers]);
      await expect(probe.app.startAllMicroservices()).rejects.toThrow(reason);
      await probe.app.close();
    }
  });
});
