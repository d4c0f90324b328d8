import type { DataSource } from 'typeorm';

export interface RetentionOptions {
  /** Rows older than this many days go: published outbox rows, and inbox rows (by processed_at). */
  olderThanDays: number;
  /** Rows deleted per statement, so that a large backlog never holds long locks. */
  batchSize?: number;
  now?: Date;
}

export interface RetentionResult {
  outbox: number;
  inbox: number;
}

/**
 * Kafka's default topic retention (7 days). An inbox row must outlive every copy of its event
 * the broker may still deliver, or a redelivery would be applied again: retention is refused
 * below this.
 */
export const MIN_RETENTION_DAYS = 8;

/**
 * Deletes what the outbox and inbox no longer need, so the tables do not grow for ever (issue 14):
 * outbox rows published more than N days ago (an unpublished row is never deleted, however old),
 * and inbox rows processed more than N days ago. N must exceed the topics' retention, since the
 * inbox row is what makes a redelivered event a no-op.
 *
 * @example
 * await purgeMessagingTables(dataSource, { olderThanDays: 30 }); // { outbox: 1200, inbox: 3400 }
 */
export async function purgeMessagingTables(dataSource: DataSource, options: RetentionOptions): Promise<RetentionResult> {
  if (!Number.isFinite(options.olderThanDays) || options.olderThanDays < MIN_RETENTION_DAYS) {
    throw new Error(`olderThanDays must be at least ${MIN_RETENTION_DAYS} (longer than the topics' retention), got ${options.olderThanDays}`);
  }
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.olderThanDays * 86_400_000);
  const batch = options.batchSize ?? 5_000;
  const purge = async (sql: string): Promise<number> => {
    let total = 0;
    for (;;) {
      const [, deleted] = (await dataSource.query(sql, [cutoff, batch])) as [unknown, number];
      total += deleted;
      if (deleted < batch) return total;
    }
  };
  return {
    outbox: await purge(`
      DELETE FROM outbox_message WHERE seq IN (
        SELECT seq FROM outbox_message WHERE published_at IS NOT NULL AND published_at < $1 ORDER BY seq LIMIT $2)`),
    inbox: await purge(`
      DELETE FROM inbox_message WHERE (consumer, event_id) IN (
        SELECT consumer, event_id FROM inbox_message WHERE processed_at < $1 LIMIT $2)`),
  };
}
