import { MigrationInterface, QueryRunner } from 'typeorm';

/** The channel the relay listens on; Postgres delivers a NOTIFY only when its transaction commits. */
export const OUTBOX_CHANNEL = 'outbox_message_committed';

/**
 * Makes every committed insert into the outbox wake the relay at once (LISTEN/NOTIFY), so an event
 * does not wait for the next poll. A statement-level trigger sends one notification per insert
 * statement, and Postgres folds identical notifications of one transaction into one: a transaction
 * that writes a hundred events wakes the relay once. Polling stays as the safety net for a lost
 * listener connection.
 */
export class OutboxCommitNotify1764400000000 implements MigrationInterface {
  name = 'OutboxCommitNotify1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION outbox_message_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${OUTBOX_CHANNEL}', '');
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER outbox_message_notify AFTER INSERT ON outbox_message
      FOR EACH STATEMENT EXECUTE FUNCTION outbox_message_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER outbox_message_notify ON outbox_message`);
    await q.query(`DROP FUNCTION outbox_message_notify()`);
  }
}
