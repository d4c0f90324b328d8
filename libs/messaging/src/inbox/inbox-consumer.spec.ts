import { create, toBinary } from '@bufbuild/protobuf';
import { OrganisationRegisteredSchema } from '@rim/contracts';
import type { DataSource } from 'typeorm';
import { HEADER } from '../event-headers';
import type { EventBus, IncomingRecord, OutgoingRecord } from '../kafka/event-bus';
import { InboxConsumer, isDatabaseUnavailable } from './inbox-consumer';

// In-memory stand-ins: what is checked here is how the consumer classifies a failure, not
// Postgres or Kafka (the inbox's guarantees against both are in libs/messaging/test).
const TOPIC = 'directory.organisation-registered.v1';

function record(): IncomingRecord {
  const value = Buffer.from(toBinary(OrganisationRegisteredSchema, create(OrganisationRegisteredSchema, { organisationId: 'o-1', legalName: 'Probe SAS' })));
  return { topic: TOPIC, key: 'o-1', value, partition: 0, offset: '0', headers: { [HEADER.id]: 'event-1', [HEADER.type]: OrganisationRegisteredSchema.typeName } };
}

/** A database that fails the first `failures` transactions with `error`, then applies them. */
function flakyDatabase(failures: number, error: () => Error): { dataSource: DataSource; applied: string[] } {
  const applied: string[] = [];
  let calls = 0;
  const dataSource = {
    transaction: async (work: (tx: unknown) => Promise<void>) => {
      if (calls++ < failures) throw error();
      await work({ query: async (_sql: string, params: string[]) => [{ event_id: params[1] }] });
    },
  } as unknown as DataSource;
  return { dataSource, applied };
}

function bus(): { bus: EventBus; deadLettered: OutgoingRecord[] } {
  const deadLettered: OutgoingRecord[] = [];
  return {
    deadLettered,
    bus: { publish: async (records: OutgoingRecord[]) => void deadLettered.push(...records) } as unknown as EventBus,
  };
}

function consumer(dataSource: DataSource, eventBus: EventBus, applied: string[]): InboxConsumer {
  const handler = { topic: TOPIC, schema: OrganisationRegisteredSchema, handle: async (event: { organisationId: string }) => void applied.push(event.organisationId) };
  return new InboxConsumer(dataSource, eventBus, { consumer: 'spec', handlers: [handler as never], maxAttempts: 3, retryDelayMs: 1 });
}

/** What pg and TypeORM throw while Postgres restarts. */
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
const shuttingDown = () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
const terminated = () => new Error('Connection terminated unexpectedly');

describe('InboxConsumer: a database outage does not spend an event\'s retry budget', () => {
  it('classifies what a Postgres restart throws as unavailable, and a handler bug or a constraint as not', () => {
    expect([refused(), shuttingDown(), terminated(), Object.assign(new Error('x'), { driverError: { code: '08006' } })].map(isDatabaseUnavailable)).toEqual([true, true, true, true]);
    expect([new Error('cannot apply'), Object.assign(new Error('duplicate key'), { code: '23505' }), null, 'text'].map(isDatabaseUnavailable)).toEqual([false, false, false, false]);
  });

  it('keeps trying through more failed connections than the retry budget, then applies the event once, dead-lettering nothing', async () => {
    const { dataSource, applied } = flakyDatabase(8, refused);
    const { bus: eventBus, deadLettered } = bus();
    await consumer(dataSource, eventBus, applied).process(record());
    expect(applied).toEqual(['o-1']);
    expect(deadLettered).toEqual([]);
  });

  it('negative control: the same number of failures from the handler itself sends the event to the DLQ after 3 attempts', async () => {
    const { dataSource, applied } = flakyDatabase(8, () => new Error('cannot apply'));
    const { bus: eventBus, deadLettered } = bus();
    await consumer(dataSource, eventBus, applied).process(record());
    expect(applied).toEqual([]);
    expect(deadLettered.map((r) => [r.topic, r.headers[HEADER.dlqAttempts]])).toEqual([[`${TOPIC}.dlq`, '3']]);
  });

  it('a stopping consumer leaves the outage wait (the record is redelivered), instead of waiting for ever', async () => {
    const { dataSource, applied } = flakyDatabase(Number.POSITIVE_INFINITY, refused);
    const { bus: eventBus, deadLettered } = bus();
    const inbox = consumer(dataSource, eventBus, applied);
    const processing = inbox.process(record());
    await new Promise((r) => setTimeout(r, 50));
    await inbox.stop();
    await expect(processing).rejects.toThrow(/stopping/);
    expect(deadLettered).toEqual([]);
  });
});
