import { randomUUID } from 'node:crypto';
import { create, toBinary, type DescMessage, type MessageInitShape } from '@bufbuild/protobuf';
import type { EntityManager } from 'typeorm';
import { eventHeaders, type TraceContext } from '../event-headers';
import { OutboxMessage } from './outbox-message.entity';

/** An integration event to record: which topic, which aggregate, and the protobuf payload. */
export interface PendingEvent<Desc extends DescMessage> {
  topic: string;
  /** The aggregate id: Kafka keeps one aggregate's events in order on one partition. */
  key: string;
  schema: Desc;
  message: MessageInitShape<Desc>;
  trace: TraceContext;
}

/**
 * Records integration events in the caller's transaction. Nothing here talks to Kafka: a request
 * never waits on the broker, and an event exists if and only if its state change committed.
 *
 * @example
 * await dataSource.transaction(async (tx: EntityManager) => {
 *   await tx.save(organisation);
 *   await outbox.record(tx, { topic: Topic.OrganisationRegistered, key: organisation.id,
 *     schema: OrganisationRegisteredSchema, message: { organisationId: organisation.id }, trace });
 * });
 */
export class OutboxWriter {
  constructor(private readonly source: string) {}

  async record<Desc extends DescMessage>(
    tx: EntityManager,
    event: PendingEvent<Desc>,
  ): Promise<string> {
    if (!tx.queryRunner?.isTransactionActive) {
      // Writing outside a transaction would let the event and the state change diverge.
      throw new Error('OutboxWriter.record must be called inside a transaction');
    }
    const id = randomUUID();
    const payload = toBinary(event.schema, create(event.schema, event.message));
    await tx.insert(OutboxMessage, {
      id,
      topic: event.topic,
      messageKey: event.key,
      eventType: event.schema.typeName,
      payload: Buffer.from(payload),
      headers: eventHeaders({ id, typeName: event.schema.typeName, source: this.source, trace: event.trace }),
    });
    return id;
  }
}
