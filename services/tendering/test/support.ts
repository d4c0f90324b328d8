import { randomUUID } from 'node:crypto';
import { create, toBinary, type DescMessage, type MessageInitShape } from '@bufbuild/protobuf';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { HEADER, KafkaEventBus, PROTOBUF_CONTENT_TYPE } from '@rim/messaging';
import { required } from '@rim/testing';
import { ocdsSchemas } from '../src/ocds/ocds-schema';

/** Publishes an event as another service would (a directory event, say), with CloudEvents headers. */
export async function publishEvent<D extends DescMessage>(topic: string, key: string, schema: D, message: MessageInitShape<D>): Promise<void> {
  const bus = new KafkaEventBus({ clientId: `tendering-test-${randomUUID().slice(0, 8)}`, brokers: required('KAFKA_BROKERS').split(',') });
  const id = randomUUID();
  try {
    await bus.publish([
      {
        topic,
        key,
        value: Buffer.from(toBinary(schema, create(schema, message))),
        headers: {
          [HEADER.id]: id,
          [HEADER.type]: schema.typeName,
          [HEADER.source]: 'directory',
          [HEADER.time]: new Date().toISOString(),
          [HEADER.specVersion]: '1.0',
          [HEADER.contentType]: PROTOBUF_CONTENT_TYPE,
          [HEADER.correlationId]: id,
          [HEADER.causationId]: id,
        },
      },
    ]);
  } finally {
    await bus.close();
  }
}

/** The OCDS 1.1.5 release package validator with the lots, bid and consortium extensions (ajv 8, ajv-formats). */
export function ocdsPackageValidator(): ValidateFunction {
  const { release, releasePackage } = ocdsSchemas();
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(release);
  return ajv.compile(releasePackage);
}
