import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';

const MINUTE = 60_000;

/** One booking attempt as a client of Postgres alone: what is left of a request without HTTP, GraphQL, Nest or TypeORM. */
export type BareAttempt = (pool: Pool, input: { assetId: string; startsAt: string; endsAt: string }, booker: { organisationId: string; userId: string }) => Promise<'CONFIRMED' | 'CONFLICT'>;

const OUTBOX_INSERT = `INSERT INTO outbox_message (id, topic, message_key, event_type, payload, headers) VALUES ($1, $2, $3, $4, $5, $6)
  RETURNING seq, occurred_at, publish_attempts`;

function outboxValues(assetId: string): unknown[] {
  const id = randomUUID();
  // A payload of the size of a booking-confirmed event; its bytes do not matter to Postgres.
  return [id, 'booking.booking-confirmed.v1', assetId, 'marketplace.booking.v1.BookingConfirmed', Buffer.alloc(180, 1),
    { 'ce-id': id, 'ce-type': 'marketplace.booking.v1.BookingConfirmed', 'ce-source': 'booking', 'ce-time': new Date().toISOString(), 'ce-specversion': '1.0', 'content-type': 'application/protobuf', 'x-correlation-id': randomUUID(), 'x-causation-id': randomUUID() }];
}

async function inTransaction<T>(pool: Pool, work: (c: PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('START TRANSACTION');
    const out = await work(c);
    await c.query('COMMIT');
    return out;
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    c.release();
  }
}

/**
 * The statements the booking service sent per attempt up to commit 47a28e6 (TypeORM's, same
 * order): asset, closures, INSERT decided by `booking_no_overlap` (23P01 on a conflict), the row read
 * back, the outbox row, COMMIT; on a conflict, ROLLBACK then the query naming the taken slot.
 * 7 statements per confirmed attempt, 6 per conflict.
 */
export const bareSqlBefore: BareAttempt = async (pool, input, booker) => {
  const start = new Date(input.startsAt);
  const end = new Date(input.endsAt);
  try {
    return await inTransaction(pool, async (c) => {
      const { rows: [asset] } = await c.query(`SELECT * FROM asset WHERE id = $1 LIMIT 1`, [input.assetId]);
      await c.query(`SELECT lower(period) AS s, upper(period) AS e, reason FROM blackout WHERE asset_id = $1 AND period && $2::tstzrange ORDER BY lower(period)`, [input.assetId, `[${input.startsAt},${input.endsAt})`]);
      const id = randomUUID();
      await c.query(
        `INSERT INTO booking (id, asset_id, asset_organisation_id, booker_organisation_id, booker_user_id, status, starts_at, ends_at, slot, price_cents, plan_id, from_waitlist)
         VALUES ($1, $2, $3, $4, $5, 'CONFIRMED', $6, $7, tstzrange($6, $8, '[)'), $9, NULL, false)`,
        [id, asset.id, asset.organisation_id, booker.organisationId, booker.userId, start, end, new Date(end.getTime() + asset.buffer_minutes * MINUTE), 1500],
      );
      await c.query(`SELECT * FROM booking WHERE id = $1 LIMIT 1`, [id]);
      await c.query(OUTBOX_INSERT, outboxValues(asset.id));
      return 'CONFIRMED' as const;
    });
  } catch (e) {
    if ((e as { code?: string }).code !== '23P01') throw e;
    await pool.query(
      `SELECT b.id, b.starts_at, b.ends_at, a.buffer_minutes FROM booking b JOIN asset a ON a.id = b.asset_id
        WHERE b.asset_id = $1 AND b.status = 'CONFIRMED' AND b.slot && tstzrange($2::timestamptz, $3::timestamptz + make_interval(mins => a.buffer_minutes), '[)')
        ORDER BY b.starts_at LIMIT 1`,
      [input.assetId, start, end],
    );
    return 'CONFLICT';
  }
};

/**
 * The statements the booking service sends per attempt now (BookingsService.place): the asset with
 * its closures in the slot, then one INSERT ... ON CONFLICT DO NOTHING (the exclusion constraint
 * still decides) that also names the taken slot when it inserts nothing, then the outbox row and
 * COMMIT, or ROLLBACK. 5 statements per confirmed attempt, 4 per conflict.
 */
export const bareSqlNow: BareAttempt = async (pool, input, booker) => {
  const start = new Date(input.startsAt);
  const end = new Date(input.endsAt);
  const c = await pool.connect();
  try {
    await c.query('START TRANSACTION');
    const { rows: [asset] } = await c.query(
      `SELECT a.*, (SELECT coalesce(json_agg(json_build_object('s', lower(period), 'e', upper(period), 'reason', reason) ORDER BY lower(period)), '[]')
                     FROM blackout WHERE asset_id = a.id AND period && $2::tstzrange) AS blackouts
         FROM asset a WHERE a.id = $1`,
      [input.assetId, `[${input.startsAt},${input.endsAt})`],
    );
    const { rows: [placed] } = await c.query(
      `WITH inserted AS (
         INSERT INTO booking (id, asset_id, asset_organisation_id, booker_organisation_id, booker_user_id, status, starts_at, ends_at, slot, price_cents, plan_id, from_waitlist)
         VALUES ($1, $2, $3, $4, $5, 'CONFIRMED', $6, $7, tstzrange($6, $8, '[)'), $9, NULL, false)
         ON CONFLICT DO NOTHING RETURNING *)
       SELECT (SELECT to_jsonb(inserted) FROM inserted) AS booking,
              (SELECT to_jsonb(t) FROM (SELECT b.id, b.starts_at, b.ends_at FROM booking b
                  WHERE b.asset_id = $2 AND b.status = 'CONFIRMED' AND b.slot && tstzrange($6, $8, '[)') ORDER BY b.starts_at LIMIT 1) t
                WHERE NOT EXISTS (SELECT 1 FROM inserted)) AS taken`,
      [randomUUID(), asset.id, asset.organisation_id, booker.organisationId, booker.userId, start, end, new Date(end.getTime() + asset.buffer_minutes * MINUTE), 1500],
    );
    if (!placed.booking) {
      await c.query('ROLLBACK');
      return 'CONFLICT';
    }
    await c.query(OUTBOX_INSERT, outboxValues(asset.id));
    await c.query('COMMIT');
    return 'CONFIRMED';
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
};
