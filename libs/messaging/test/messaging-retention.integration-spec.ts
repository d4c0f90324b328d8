import { randomUUID } from 'node:crypto';
import { purgeMessagingTables } from '../src';
import { openScratchDataSource } from './messaging-fixture';

describe('outbox and inbox retention (real Postgres)', () => {
  let db: Awaited<ReturnType<typeof openScratchDataSource>>;
  const now = new Date('2031-06-30T12:00:00Z');
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

  beforeAll(async () => {
    db = await openScratchDataSource('messaging_retention');
  });
  afterAll(() => db?.drop());

  async function outbox(label: string, publishedAt: Date | null, occurredAt: Date): Promise<void> {
    await db.dataSource.query(
      `INSERT INTO outbox_message (id, topic, message_key, event_type, payload, headers, occurred_at, published_at)
       VALUES ($1, 't', $2, 'e', '\\x00', '{}', $3, $4)`,
      [randomUUID(), label, occurredAt, publishedAt],
    );
  }
  async function inbox(label: string, processedAt: Date): Promise<void> {
    await db.dataSource.query(`INSERT INTO inbox_message (consumer, event_id, topic, event_type, processed_at) VALUES ('c', $1, 't', 'e', $2)`, [
      label,
      processedAt,
    ]);
  }
  const left = async () => ({
    outbox: (await db.dataSource.query(`SELECT message_key FROM outbox_message ORDER BY 1`)).map((r: { message_key: string }) => r.message_key),
    inbox: (await db.dataSource.query(`SELECT event_id FROM inbox_message ORDER BY 1`)).map((r: { event_id: string }) => r.event_id),
  });

  it('deletes published outbox rows and processed inbox rows older than N days, in batches, and nothing else', async () => {
    for (let i = 0; i < 7; i++) await outbox(`old-published-${i}`, daysAgo(40), daysAgo(41));
    await outbox('old-unpublished', null, daysAgo(90)); // never deleted: it has not reached the broker
    await outbox('recent-published', daysAgo(3), daysAgo(3));
    for (let i = 0; i < 5; i++) await inbox(`old-${i}`, daysAgo(31));
    await inbox('recent', daysAgo(29));

    // Batches of 3: 7 rows take three statements, and all go.
    expect(await purgeMessagingTables(db.dataSource, { olderThanDays: 30, batchSize: 3, now })).toEqual({ outbox: 7, inbox: 5 });
    expect(await left()).toEqual({ outbox: ['old-unpublished', 'recent-published'], inbox: ['recent'] });
    // Negative control: a second pass has nothing left to delete.
    expect(await purgeMessagingTables(db.dataSource, { olderThanDays: 30, now })).toEqual({ outbox: 0, inbox: 0 });
  });

  it('refuses a retention shorter than the topics keep events (an inbox row must outlive every redelivery)', async () => {
    await expect(purgeMessagingTables(db.dataSource, { olderThanDays: 3, now })).rejects.toThrow(/at least 8/);
    expect((await left()).inbox).toEqual(['recent']);
  });
});
