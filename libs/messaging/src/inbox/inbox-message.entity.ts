import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per event a consumer has applied. Inserted in the same transaction as the handler's
 * effect, so a redelivered event finds its row and changes nothing.
 */
@Entity({ name: 'inbox_message' })
export class InboxMessage {
  @PrimaryColumn({ type: 'text' })
  consumer: string;

  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  @Column({ name: 'processed_at', type: 'timestamptz', default: () => 'now()' })
  processedAt: Date;
}
