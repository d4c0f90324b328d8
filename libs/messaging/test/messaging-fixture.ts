import { randomUUID } from 'node:crypto';
import { Column, DataSource, Entity, PrimaryColumn, type EntityManager } from 'typeorm';
import { OrganisationRegisteredSchema, type OrganisationRegistered } from '@rim/contracts';
import { createScratchDatabase, required } from '@rim/testing';
import {
  MESSAGING_MIGRATIONS,
  OutboxWriter,
  messagingEntities,
  newTrace,
  KafkaEventBus,
  type IntegrationEventHandler,
} from '../src';

/** The effect a test handler applies: one row per event applied, so duplicates show as count > 1. */
@Entity({ name: 'probe_effect' })
export class ProbeEffect {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'event_key', type: 'text' })
  eventKey: string;
}

export async function openScratchDataSource(label: string): Promise<{ dataSource: DataSource; drop(): Promise<void> }> {
  const db = await createScratchDatabase(label);
  const dataSource = new DataSource({
    type: 'postgres',
    url: db.url,
    entities: [...messagingEntities, ProbeEffect],
    migrations: MESSAGING_MIGRATIONS,
    logging: ['error'],
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.query(`CREATE TABLE probe_effect (id uuid PRIMARY KEY, event_key text NOT NULL)`);
  return {
    dataSource,
    drop: async () => {
      await dataSource.destroy();
      await db.drop();
    },
  };
}

export function newBus(clientId: string): KafkaEventBus {
  return new KafkaEventBus({ clientId, brokers: required('KAFKA_BROKERS').split(','), requestTimeoutMs: 3_000 });
}

/** Records one test event in its own committed transaction, as a request would. */
export async function recordEvent(dataSource: DataSource, topic: string, key: string, legalName = 'Probe SAS'): Promise<void> {
  const outbox = new OutboxWriter('messaging-test');
  await dataSource.transaction((tx) =>
    outbox.record(tx, {
      topic,
      key,
      schema: OrganisationRegisteredSchema,
      message: { organisationId: key, siren: '732829320', legalName, nafCode: '25.62B', tier: 2 },
      trace: newTrace(),
    }),
  );
}

/** A handler whose effect is countable, and that fails for events named POISON. */
export class ProbeEffectHandler implements IntegrationEventHandler<typeof OrganisationRegisteredSchema> {
  readonly schema = OrganisationRegisteredSchema;
  attempts = 0;
  constructor(readonly topic: string) {}

  async handle(event: OrganisationRegistered, _meta: unknown, tx: EntityManager): Promise<void> {
    this.attempts++;
    if (event.legalName === 'POISON') throw new Error('cannot apply a poison event');
    await tx.insert(ProbeEffect, { id: randomUUID(), eventKey: event.organisationId });
  }
}
