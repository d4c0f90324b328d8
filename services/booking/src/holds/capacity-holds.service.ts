import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { CapacityHoldChangedSchema, CapacityHoldStatus, Topic, type CapacityHoldAsk, type CapacityHoldRequested } from '@rim/contracts';
import { OutboxWriter, newTrace, type TraceContext } from '@rim/messaging';
import { earliestFreeStart, processCodeForBooking, type Span } from './hold-window';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const EXCLUSION_VIOLATION = '23P01';
/** A concurrent booking can take the slot between the search and the insert; search again this often. */
const PLACEMENT_ATTEMPTS = 3;

export type HoldStatus = 'HELD' | 'REFUSED' | 'RELEASED' | 'CONFIRMED' | 'EXPIRED';

interface HoldRow {
  id: string;
  bid_id: string;
  tender_id: string;
  lot_id: string;
  organisation_id: string;
  status: HoldStatus;
  booking_id: string | null;
  asset_id: string | null;
}

interface AssetRow {
  id: string;
  name: string;
  buffer_minutes: number;
}

/** Hours in the sweep's one statement; replicas share the work through SKIP LOCKED. */
export const HOLD_EXPIRY_SWEEP_MS = 30_000;

/**
 * Booking's side of the capacity-hold saga (decision 0111). Every answer and every change of a hold
 * goes out as booking.capacity-hold-changed.v1, keyed by the bid, in the same transaction.
 */
@Injectable()
export class CapacityHoldsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CapacityHoldsService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.expireDue().catch((e) => this.logger.error(`hold expiry sweep failed: ${(e as Error).message}`));
    }, HOLD_EXPIRY_SWEEP_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Holds (or refuses, with the reason) each ask of one submitted bid. Idempotent per (bid, lot, member). */
  async request(tx: EntityManager, event: CapacityHoldRequested, trace: TraceContext): Promise<void> {
    const [closed] = await tx.query(`SELECT reason FROM capacity_hold_closed_bid WHERE bid_id = $1`, [event.bidId]);
    for (const ask of event.asks) {
      const [existing] = await tx.query(`SELECT id FROM capacity_hold WHERE bid_id = $1 AND lot_id = $2 AND organisation_id = $3`, [
        event.bidId, ask.lotId, ask.organisationId,
      ]);
      if (existing) continue;
      if (closed) {
        await this.refuse(tx, event, ask, `the bid was ${closed.reason} before its hold was asked`, trace);
        continue;
      }
      await this.holdOne(tx, event, ask, trace);
    }
  }

  private async holdOne(tx: EntityManager, event: CapacityHoldRequested, ask: CapacityHoldAsk, trace: TraceContext): Promise<void> {
    const processCode = processCodeForBooking(ask.processCode);
    const window: Span = { start: Date.parse(ask.notBefore), end: Date.parse(ask.deliverBy) };
    const lengthMs = Math.round(ask.hours * HOUR);
    if (!Number.isFinite(window.start) || !Number.isFinite(window.end) || !(ask.hours > 0)) {
      await this.refuse(tx, event, ask, 'the request names no valid window or hours', trace);
      return;
    }
    const assets: AssetRow[] = await tx.query(
      `SELECT id, name, buffer_minutes FROM asset WHERE organisation_id = $1 AND process_code = $2 ORDER BY name, id`,
      [ask.organisationId, processCode],
    );
    if (assets.length === 0) {
      await this.refuse(tx, event, ask, `the organisation lists no asset offering ${ask.processCode}`, trace);
      return;
    }
    for (let attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
      let raced = false;
      for (const asset of assets) {
        const start = earliestFreeStart(window, lengthMs, await this.busy(tx, asset, window));
        if (start === null) continue;
        const bookingId = randomUUID();
        await tx.query(`SAVEPOINT capacity_hold_place`);
        try {
          await tx.query(
            `INSERT INTO booking (id, asset_id, asset_organisation_id, booker_organisation_id, booker_user_id, status, starts_at, ends_at, slot)
             VALUES ($1, $2, $3, $3, $4, 'HELD', $5, $6, tstzrange($5, $7, '[)'))`,
            [bookingId, asset.id, ask.organisationId, `tendering-bid:${event.bidId}`, new Date(start), new Date(start + lengthMs),
              new Date(start + lengthMs + asset.buffer_minutes * MINUTE)],
          );
          await tx.query(`RELEASE SAVEPOINT capacity_hold_place`);
        } catch (e) {
          await tx.query(`ROLLBACK TO SAVEPOINT capacity_hold_place`);
          if ((e as { code?: string }).code !== EXCLUSION_VIOLATION) throw e;
          raced = true;
          continue;
        }
        const id = randomUUID();
        await tx.query(
          `INSERT INTO capacity_hold (id, bid_id, tender_id, lot_id, organisation_id, process_code, hours, status, booking_id, asset_id, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'HELD', $8, $9, $10)`,
          [id, event.bidId, event.tenderId, ask.lotId, ask.organisationId, ask.processCode, ask.hours, bookingId, asset.id, this.expiry(event, window)],
        );
        await this.announce(tx, id, 'HELD', '', trace);
        return;
      }
      if (!raced) break;
    }
    await this.refuse(tx, event, ask,
      `no free block of ${ask.hours} h on ${assets.map((a) => a.name).join(', ')} between ${ask.notBefore} and ${ask.deliverBy}`, trace);
  }

  /** Confirmed bookings, holds and closures of one asset that touch the window, with their buffers. */
  private async busy(tx: EntityManager, asset: AssetRow, window: Span): Promise<Span[]> {
    const range = `[${new Date(window.start).toISOString()},${new Date(window.end).toISOString()})`;
    const rows: Array<{ s: Date; e: Date }> = await tx.query(
      `SELECT lower(slot) AS s, upper(slot) AS e FROM booking WHERE asset_id = $1 AND status IN ('CONFIRMED','HELD') AND slot && $2::tstzrange
       UNION ALL
       SELECT lower(period), upper(period) FROM blackout WHERE asset_id = $1 AND period && $2::tstzrange`,
      [asset.id, range],
    );
    // A block also needs the buffer after it free, so a busy span starts earlier by that much.
    return rows.map((r) => ({ start: new Date(r.s).getTime() - asset.buffer_minutes * MINUTE, end: new Date(r.e).getTime() }));
  }

  private expiry(event: CapacityHoldRequested, window: Span): Date {
    const validity = Date.parse(event.expiresAt);
    return new Date(Number.isFinite(validity) ? validity : window.end);
  }

  private async refuse(tx: EntityManager, event: CapacityHoldRequested, ask: CapacityHoldAsk, reason: string, trace: TraceContext): Promise<void> {
    const id = randomUUID();
    await tx.query(
      `INSERT INTO capacity_hold (id, bid_id, tender_id, lot_id, organisation_id, process_code, hours, status, reason, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'REFUSED', $8, $9)`,
      [id, event.bidId, event.tenderId, ask.lotId, ask.organisationId, ask.processCode, ask.hours > 0 ? ask.hours : 1, reason,
        this.expiry(event, { start: 0, end: Date.now() })],
    );
    await this.announce(tx, id, 'REFUSED', reason, trace);
  }

  /** Withdrawn or replaced: every hold of the bid is released, and a late request for it refused. */
  async releaseBid(tx: EntityManager, bidId: string, reason: string, trace: TraceContext): Promise<void> {
    await tx.query(`INSERT INTO capacity_hold_closed_bid (bid_id, reason) VALUES ($1, $2) ON CONFLICT (bid_id) DO NOTHING`, [bidId, reason]);
    await this.move(tx, `bid_id = $1 AND status = 'HELD'`, [bidId], 'RELEASED', `the bid was ${reason}`, trace);
  }

  /** The winner's holds on the lot become confirmed bookings; the losers' are released. */
  async settleLot(tx: EntityManager, lotId: string, winningBidId: string, losingBidIds: string[], trace: TraceContext): Promise<void> {
    await this.move(tx, `lot_id = $1 AND bid_id = $2 AND status = 'HELD'`, [lotId, winningBidId], 'CONFIRMED', 'the bid won the lot', trace);
    if (losingBidIds.length) {
      await this.move(tx, `lot_id = $1 AND bid_id = ANY($2::uuid[]) AND status = 'HELD'`, [lotId, losingBidIds], 'RELEASED', 'the bid lost the lot', trace);
    }
  }

  /** The call was cancelled or ended without award: nothing it held is needed any more. */
  async releaseTender(tx: EntityManager, tenderId: string, reason: string, trace: TraceContext): Promise<void> {
    await this.move(tx, `tender_id = $1 AND status = 'HELD'`, [tenderId], 'RELEASED', reason, trace);
  }

  /** Holds whose saga never resolved lapse at the bid's validity end. */
  async expireDue(now = new Date()): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const ids: Array<{ id: string }> = await tx.query(
        `SELECT id FROM capacity_hold WHERE status = 'HELD' AND expires_at <= $1 ORDER BY expires_at LIMIT 200 FOR UPDATE SKIP LOCKED`, [now],
      );
      if (ids.length) await this.move(tx, `id = ANY($1::uuid[])`, [ids.map((r) => r.id)], 'EXPIRED', 'the bid\'s validity ended before the call was decided', newTrace());
      return ids.length;
    });
  }

  private async move(tx: EntityManager, where: string, params: unknown[], to: HoldStatus, reason: string, trace: TraceContext): Promise<void> {
    const rows: HoldRow[] = await tx.query(`SELECT * FROM capacity_hold WHERE ${where} ORDER BY id FOR UPDATE`, params);
    for (const hold of rows) {
      // HELD -> CONFIRMED stays inside the exclusion constraint: the slot is never free in between.
      await tx.query(`UPDATE booking SET status = $2, updated_at = now() WHERE id = $1 AND status = 'HELD'`, [hold.booking_id, to]);
      await tx.query(`UPDATE capacity_hold SET status = $2, reason = $3, updated_at = now() WHERE id = $1`, [hold.id, to, reason]);
      await this.announce(tx, hold.id, to, reason, trace);
    }
  }

  private async announce(tx: EntityManager, holdId: string, status: HoldStatus, reason: string, trace: TraceContext): Promise<void> {
    const [h] = await tx.query(
      `SELECT h.*, a.name AS asset_name, b.starts_at, b.ends_at FROM capacity_hold h
         LEFT JOIN asset a ON a.id = h.asset_id LEFT JOIN booking b ON b.id = h.booking_id WHERE h.id = $1`, [holdId],
    );
    await this.outbox.record(tx, {
      topic: Topic.CapacityHoldChanged, key: h.bid_id, schema: CapacityHoldChangedSchema,
      message: {
        holdId, bidId: h.bid_id, tenderId: h.tender_id, lotId: h.lot_id, organisationId: h.organisation_id,
        status: CapacityHoldStatus[status], reason, assetId: h.asset_id ?? '', assetName: h.asset_name ?? '', bookingId: h.booking_id ?? '',
        slot: h.starts_at ? { start: new Date(h.starts_at).toISOString(), end: new Date(h.ends_at).toISOString() } : undefined,
      },
      trace,
    });
  }
}
