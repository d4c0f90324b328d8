import { randomUUID } from 'node:crypto';
import { create, toBinary, type DescMessage, type MessageInitShape } from '@bufbuild/protobuf';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { eventHeaders, KafkaEventBus } from '@rim/messaging';
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
        headers: eventHeaders({ id, typeName: schema.typeName, source: 'directory', trace: { correlationId: id, causationId: id } }),
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
