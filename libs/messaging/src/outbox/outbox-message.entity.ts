import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An integration event written in the same transaction as the state change it describes, and
 * published to Kafka later by the relay. Rows are kept after publication as the service's event log.
 */
@Entity({ name: 'outbox_message' })
@Index('outbox_message_unpublished', ['seq'], { where: 'published_at IS NULL' })
export class OutboxMessage {
  // Insertion order; used only to publish in order, never as a high-water mark (see OutboxRelay).
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq: string;

  @Column({ type: 'uuid', unique: true })
  id: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ name: 'message_key', type: 'text' })
  messageKey: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  @Column({ type: 'bytea' })
  payload: Buffer;

  @Column({ type: 'jsonb' })
  headers: Record<string, string>;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'publish_attempts', type: 'int', default: 0 })
  publishAttempts: number;
}
