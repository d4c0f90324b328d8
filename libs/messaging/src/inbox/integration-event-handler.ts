import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import type { EntityManager } from 'typeorm';
import type { EventMetadata } from '../event-headers';

/**
 * Applies one kind of integration event: the plain handler the `InboxConsumer` applies,
 * usable without Nest (the chaos suite, the bench, the inbox's own tests). A service writes its
 * handlers as `@OnEvent` methods of controllers instead; the InboxTransport turns each into one of
 * these (decision 0027). `handle` runs inside the transaction that also records the event id in
 * the inbox: write every effect through `tx`, or it escapes the deduplication.
 *
 * @example
 * ```ts
 * class OrganisationRegisteredHandler implements IntegrationEventHandler<typeof OrganisationRegisteredSchema> {
 *   readonly topic = Topic.OrganisationRegistered;
 *   readonly schema = OrganisationRegisteredSchema;
 *   async handle(event: OrganisationRegistered, _meta: EventMetadata, tx: EntityManager): Promise<void> {
 *     await tx.upsert(KnownOrganisation, { id: event.organisationId, legalName: event.legalName }, ['id']);
 *   }
 * }
 * ```
 */
export interface IntegrationEventHandler<Desc extends DescMessage = DescMessage> {
  readonly topic: string;
  readonly schema: Desc;
  handle(event: MessageShape<Desc>, meta: EventMetadata, tx: EntityManager): Promise<void>;
}
