import type { DescMessage } from '@bufbuild/protobuf';
import { BOOKING_TOPIC_SCHEMAS, BookingTopic } from './booking.topics';
import { DIRECTORY_TOPIC_SCHEMAS, DirectoryTopic } from './directory.topics';
import { LOGISTICS_TOPIC_SCHEMAS, LogisticsTopic } from './logistics.topics';
import { TENDERING_TOPIC_SCHEMAS, TenderingTopic } from './tendering.topics';

/**
 * The one list of integration-event topics: `<owner service>.<event>.v<major>`. Each topic carries
 * exactly one protobuf message type, keyed by its aggregate id. Each owning service declares its
 * topics in `<service>.topics.ts`; this file gathers them. The local stack creates every topic
 * listed here, and its `.dlq`.
 *
 * @example
 * await outbox.record(tx, { topic: Topic.OrganisationRegistered, key: id,
 *   schema: TOPIC_SCHEMAS[Topic.OrganisationRegistered], message, trace });
 */
export const Topic = {
  ...DirectoryTopic,
  ...BookingTopic,
  ...LogisticsTopic,
  ...TenderingTopic,
} as const;

export type TopicName = (typeof Topic)[keyof typeof Topic];

/** The message type each topic carries. */
export const TOPIC_SCHEMAS: { readonly [T in TopicName]: DescMessage } = {
  ...DIRECTORY_TOPIC_SCHEMAS,
  ...BOOKING_TOPIC_SCHEMAS,
  ...LOGISTICS_TOPIC_SCHEMAS,
  ...TENDERING_TOPIC_SCHEMAS,
};

/** Every topic, for provisioning. Dead-letter topics are these plus `.dlq`. */
export const ALL_TOPICS: readonly TopicName[] = Object.values(Topic);
