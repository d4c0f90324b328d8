import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creates the outbox and inbox tables. Every service that publishes or consumes events lists this
 * migration first in its own migrations.
 */
export class MessagingTables1763900000000 implements MigrationInterface {
  name = 'MessagingTables1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_message (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        topic text NOT NULL,
        message_key text NOT NULL,
        event_type text NOT NULL,
        payload bytea NOT NULL,
        headers jsonb NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        publish_attempts int NOT NULL DEFAULT 0
      )`);
    await q.query(
      `CREATE INDEX outbox_message_unpublished ON outbox_message (seq) WHERE published_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE inbox_message (
        consumer text NOT NULL,
        event_id text NOT NULL,
        topic text NOT NULL,
        event_type text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inbox_message`);
    await q.query(`DROP TABLE outbox_message`);
  }
}
