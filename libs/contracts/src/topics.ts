import type { DescMessage } from '@bufbuild/protobuf';
import {
  OrganisationRegisteredSchema,
  OrganisationUpdatedSchema,
} from './gen/marketplace/directory/v1/organisation_pb';

/**
 * The one list of integration-event topics: `<owner service>.<event>.v<major>`. Each topic carries
 * exactly one protobuf message type, keyed by its aggregate id. The local stack and the Helm chart
 * create topics (and their `.dlq`) from this list.
 *
 * @example
 * await outbox.record(tx, { topic: Topic.OrganisationRegistered, schema: TOPIC_SCHEMAS[Topic.OrganisationRegistered], ... });
 */
export const Topic = {
  OrganisationRegistered: 'directory.organisation-registered.v1',
  OrganisationUpdated: 'directory.organisation-updated.v1',
} as const;

export type TopicName = (typeof Topic)[keyof typeof Topic];

/** The message type each topic carries. */
export const TOPIC_SCHEMAS: { readonly [T in TopicName]: DescMessage } = {
  [Topic.OrganisationRegistered]: OrganisationRegisteredSchema,
  [Topic.OrganisationUpdated]: OrganisationUpdatedSchema,
};

/** Every topic, for provisioning. Dead-letter topics are these plus `.dlq`. */
export const ALL_TOPICS: readonly TopicName[] = Object.values(Topic);
