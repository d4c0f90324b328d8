import { randomUUID } from 'node:crypto';
import { create, toBinary, type DescMessage, type MessageInitShape } from '@bufbuild/protobuf';
import { HEADER, KafkaEventBus, PROTOBUF_CONTENT_TYPE, type OutgoingRecord } from '@rim/messaging';
import { required } from './test-env';

export interface TestEventOptions {
  /** The CloudEvents id (and correlation and causation id); a fresh UUID by default. */
  id?: string;
  /** The service the event claims to come from (`ce_source`). */
  source: string;
}

/**
 * A Kafka record as another service's outbox would publish it: the Protobuf message and the
 * CloudEvents headers the inbox reads. For suites that play the producer of an event.
 *
 * @example
 * const record = testEventRecord(Topic.SiteAdded, orgId, SiteAddedSchema, { siteId, organisationId: orgId }, { source: 'directory' });
 * await bus.publish([record, record]); // a redelivery: same event id twice
 */
export function testEventRecord<D extends DescMessage>(topic: string, key: string, schema: D, message: MessageInitShape<D>, options: TestEventOptions): OutgoingRecord {
  const id = options.id ?? randomUUID();
  return {
    topic,
    key,
    value: Buffer.from(toBinary(schema, create(schema, message))),
    headers: {
      [HEADER.id]: id,
      [HEADER.type]: schema.typeName,
      [HEADER.source]: options.source,
      [HEADER.time]: new Date().toISOString(),
      [HEADER.specVersion]: '1.0',
      [HEADER.contentType]: PROTOBUF_CONTENT_TYPE,
      [HEADER.correlationId]: id,
      [HEADER.causationId]: id,
    },
  };
}

/** Publishes one {@link testEventRecord} on the test broker with a producer of its own; returns the event id. */
export async function publishTestEvent<D extends DescMessage>(topic: string, key: string, schema: D, message: MessageInitShape<D>, options: TestEventOptions): Promise<string> {
  const record = testEventRecord(topic, key, schema, message, options);
  const bus = new KafkaEventBus({ clientId: `test-producer-${randomUUID().slice(0, 8)}`, brokers: required('KAFKA_BROKERS').split(',') });
  try {
    await bus.publish([record]);
  } finally {
    await bus.close();
  }
  return record.headers[HEADER.id];
}
