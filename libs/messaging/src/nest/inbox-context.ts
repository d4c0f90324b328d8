import { BaseRpcContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import type { EventMetadata } from '../event-headers';

/**
 * What an `@OnEvent` handler gets beside the decoded event: the inbox transaction and the event's
 * CloudEvents metadata. Write every effect through `tx`: it is the transaction that also records
 * the event id in the inbox, so an effect written elsewhere escapes the deduplication.
 *
 * @example
 * ```ts
 * @Controller()
 * class SiteAddedHandler {
 *   @OnEvent(Topic.SiteAdded, SiteAddedSchema)
 *   async handle(event: SiteAdded, { tx, meta }: InboxContext): Promise<void> {
 *     await tx.query(`INSERT INTO site_seen (id, seen_at) VALUES ($1, $2)`, [event.siteId, meta.time]);
 *   }
 * }
 * ```
 */
export class InboxContext extends BaseRpcContext<[tx: EntityManager, meta: EventMetadata, topic: string]> {
  /** The inbox transaction. */
  get tx(): EntityManager {
    return this.args[0];
  }

  /** The event's id, type, source, time and trace. */
  get meta(): EventMetadata {
    return this.args[1];
  }

  /** The topic the event came from. */
  get topic(): string {
    return this.args[2];
  }
}
