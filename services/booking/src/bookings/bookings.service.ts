import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { assertSameOrganisation, ForbiddenError, hasRole, type Principal } from '@rim/auth';
import { haversineKm } from '@rim/geo';
import {
  BookingCancelledSchema,
  BookingCompletedSchema,
  BookingConfirmedSchema,
  CancellationReason,
  Topic,
} from '@rim/contracts';
import { newTrace, OutboxWriter, type TraceContext } from '@rim/messaging';
import { BadInputError, ConflictError, groupBy, isUuid, NotFoundError, type RequestContext } from '@rim/service-kit';
import { rangeLiteral, AssetsService } from '../assets/assets.service';
import { Asset as AssetEntity, type Asset } from '../assets/asset.entity';
import { entityHydrator } from '@rim/persistence';
import { slotProblems, type Blackout } from '../availability/booking-rules';
import { bookingPriceCents, checkQuota, PriceModel } from '../availability/pricing';
import { assetRow, type AssetRow } from '../availability/asset-row';
import { earliestSlots, firstPassHorizon, OpenTimeBySchedule, type KnownBusy } from '../availability/territory-slots';
import { firstFit, monthOf, openIntervals, subtract, type Interval } from '../availability/time-intervals';
import { requireOrganisation, requirePrincipal } from '../common/principal';
import { Training } from '../trainings/training.entity';
import { TrainingsService } from '../trainings/trainings.service';
import { Booking } from './booking.entity';
import { BookingStatus, WaitlistStatus } from './booking.enums';
import { bookingConfirmed, wireSlot } from './booking-events';
import type { BookSlotInput } from './dto/book-slot.input';
import type { FreeSlotsInput } from './dto/free-slots.input';
import { WaitlistEntry } from './waitlist-entry.entity';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The most slots freeSlots answers, earliest first. */
const FREE_SLOTS_LIMIT = 200;
const EXCLUSION_VIOLATION = '23P01';

/** A free interval of one asset, as freeSlots finds it. */
export interface FreeSlot {
  asset: Asset;
  startsAt: Date;
  endsAt: Date;
  distanceKm: number | null;
}

/** The immediate answer to a reschedule request: moved, or why not. */
export interface RescheduleAnswer {
  moved: boolean;
  booking: Booking;
  message: string;
}

/** Who books: the user (for trainings) and their organisation (for quotas and billing). */
export interface Booker {
  userId: string;
  organisationId: string;
}

interface PlaceOptions {
  fromWaitlist?: boolean;
  trace: TraceContext;
}

function isExclusionViolation(error: unknown): boolean {
  return (error as { code?: string }).code === EXCLUSION_VIOLATION;
}

/**
 * place() inserted nothing: the slot clashes with a confirmed booking, `taken` when the insert's
 * snapshot saw it. Rolls the transaction (or the waitlist's savepoint) back; withConflictNamed
 * turns it into the CONFLICT answer.
 */
class SlotTakenError extends Error {
  constructor(readonly taken: { id: string; start: number; end: number; bufferMinutes: number } | null) {
    super('slot taken');
    this.name = 'SlotTakenError';
  }
}

function slotOf(input: { startsAt: Date; endsAt: Date }): Interval {
  return { start: input.startsAt.getTime(), end: input.endsAt.getTime() };
}

@Injectable()
export class BookingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly assets: AssetsService,
    private readonly trainings: TrainingsService,
  ) {}

  /**
   * Books a slot: CONFIRMED at once, or REQUESTED when the owner approves bookings. Whether the
   * slot is free is decided by the exclusion constraint at insert time, never by a prior read, so
   * two concurrent requests for one slot cannot both win.
   */
  async request(ctx: RequestContext, input: BookSlotInput): Promise<Booking> {
    const principal = requireOrganisation(ctx);
    return this.withConflictNamed(input.assetId, slotOf(input), () =>
      this.dataSource.transaction((tx) =>
        this.place(tx, input.assetId, slotOf(input), { userId: principal.userId, organisationId: principal.organisationId }, {
          trace: newTrace(ctx.correlationId),
        }),
      ),
    );
  }

  async approve(ctx: RequestContext, bookingId: string): Promise<Booking> {
    const principal = requireOrganisation(ctx);
    const booking = await this.getOrFail(bookingId);
    return this.withConflictNamed(booking.assetId, slotOf(booking), () =>
      this.dataSource.transaction(async (tx) => {
        const locked = await this.lockOrFail(tx, bookingId);
        assertSameOrganisation(principal, locked.assetOrganisationId, `the asset of booking ${locked.id}`);
        if (locked.status !== BookingStatus.REQUESTED) {
          throw new ConflictError('id', `booking ${locked.id} is ${locked.status}, only a REQUESTED booking can be approved`);
        }
        await tx.query(`UPDATE booking SET status = 'CONFIRMED', updated_at = now() WHERE id = $1`, [locked.id]);
        const confirmed = await tx.findOneByOrFail(Booking, { id: locked.id });
        const asset = await this.assets.getOrFail(locked.assetId, tx);
        await this.outbox.record(tx, {
          topic: Topic.BookingConfirmed,
          key: asset.id,
          schema: BookingConfirmedSchema,
          message: bookingConfirmed(confirmed, asset),
          trace: newTrace(ctx.correlationId),
        });
        return confirmed;
      }),
    );
  }

  /**
   * Cancels a booking. The booker may cancel until the asset's cancellation deadline; the owner
   * and operators (override) at any time. The freed slot goes to the waitlist first: waiting
   * requests overlapping it are confirmed oldest first, each as if booked now (same rules), and
   * each gets a booking-confirmed event with fromWaitlist set, which is the notification.
   */
  async cancel(ctx: RequestContext, bookingId: string): Promise<Booking> {
    const principal = requirePrincipal(ctx);
    const trace = newTrace(ctx.correlationId);
    return this.dataSource.transaction(async (tx) => {
      const booking = await this.lockOrFail(tx, bookingId);
      const reason = this.cancellationRole(principal, booking);
      if (booking.status !== BookingStatus.REQUESTED && booking.status !== BookingStatus.CONFIRMED) {
        throw new ConflictError('id', `booking ${booking.id} is already ${booking.status}`);
      }
      const asset = await this.assets.getOrFail(booking.assetId, tx);
      const deadline = booking.startsAt.getTime() - asset.cancellationDeadlineHours * HOUR;
      if (reason === CancellationReason.BY_BOOKER && Date.now() > deadline) {
        throw new BadInputError([
          {
            field: 'id',
            reason: `cancellation deadline passed: this asset can be cancelled until ${asset.cancellationDeadlineHours} h before the start (${new Date(deadline).toISOString()}); ask the owner`,
          },
        ]);
      }
      const wasConfirmed = booking.status === BookingStatus.CONFIRMED;
      const label = { [CancellationReason.BY_BOOKER]: 'by booker', [CancellationReason.BY_OWNER]: 'by owner', [CancellationReason.BY_OPERATOR]: 'by operator' }[
        reason as CancellationReason.BY_BOOKER
      ];
      await tx.query(`UPDATE booking SET status = 'CANCELLED', cancellation_reason = $2, updated_at = now() WHERE id = $1`, [booking.id, label]);
      await this.outbox.record(tx, {
        topic: Topic.BookingCancelled,
        key: asset.id,
        schema: BookingCancelledSchema,
        message: {
          bookingId: booking.id,
          assetId: asset.id,
          assetOrganisationId: asset.organisationId,
          bookerOrganisationId: booking.bookerOrganisationId,
          slot: wireSlot(booking),
          reason,
          wasConfirmed,
        },
        trace,
      });
      if (wasConfirmed) await this.offerToWaitlist(tx, asset.id, { start: booking.startsAt.getTime(), end: booking.endsAt.getTime() + asset.bufferMinutes * MINUTE }, trace);
      return tx.findOneByOrFail(Booking, { id: booking.id });
    });
  }

  /** The owner (or an operator) records that a past confirmed booking took place. */
  async complete(ctx: RequestContext, bookingId: string): Promise<Booking> {
    const principal = requireOrganisation(ctx);
    return this.dataSource.transaction(async (tx) => {
      const booking = await this.lockOrFail(tx, bookingId);
      assertSameOrganisation(principal, booking.assetOrganisationId, `the asset of booking ${booking.id}`);
      if (booking.status !== BookingStatus.CONFIRMED) throw new ConflictError('id', `booking ${booking.id} is ${booking.status}, not CONFIRMED`);
      if (booking.endsAt.getTime() > Date.now()) throw new ConflictError('id', `booking ${booking.id} ends at ${booking.endsAt.toISOString()}, it is not over yet`);
      await tx.query(`UPDATE booking SET status = 'COMPLETED', updated_at = now() WHERE id = $1`, [booking.id]);
      const asset = await this.assets.getOrFail(booking.assetId, tx);
      await this.outbox.record(tx, {
        topic: Topic.BookingCompleted,
        key: asset.id,
        schema: BookingCompletedSchema,
        message: {
          bookingId: booking.id,
          assetId: asset.id,
          assetOrganisationId: asset.organisationId,
          bookerOrganisationId: booking.bookerOrganisationId,
          processCode: asset.processCode,
          slot: wireSlot(booking),
          bookedHours: (booking.endsAt.getTime() - booking.startsAt.getTime()) / HOUR,
        },
        trace: newTrace(ctx.correlationId),
      });
      return tx.findOneByOrFail(Booking, { id: booking.id });
    });
  }

  /** Queues for a slot that is taken; the same rules as a booking apply now, so the wait is not in vain. */
  async joinWaitlist(ctx: RequestContext, input: BookSlotInput): Promise<WaitlistEntry> {
    const principal = requireOrganisation(ctx);
    return this.dataSource.transaction(async (tx) => {
      const asset = await this.assets.getOrFail(input.assetId, tx);
      await this.checkRules(tx, asset, slotOf(input), { userId: principal.userId, organisationId: principal.organisationId });
      const entry = tx.create(WaitlistEntry, {
        id: randomUUID(),
        assetId: asset.id,
        bookerOrganisationId: principal.organisationId,
        bookerUserId: principal.userId,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        status: WaitlistStatus.WAITING,
        bookingId: null,
      });
      await tx.query(
        `INSERT INTO waitlist_entry (id, asset_id, booker_organisation_id, booker_user_id, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [entry.id, entry.assetId, entry.bookerOrganisationId, entry.bookerUserId, entry.startsAt, entry.endsAt],
      );
      return tx.findOneByOrFail(WaitlistEntry, { id: entry.id });
    });
  }

  /**
   * "Can we do it a few days earlier?": moves the booking to the nearest earlier free slot of the
   * same length, or answers at once that there is none.
   */
  async bringForward(ctx: RequestContext, bookingId: string): Promise<RescheduleAnswer> {
    const principal = requireOrganisation(ctx);
    const booking = await this.getOrFail(bookingId);
    assertSameOrganisation(principal, booking.bookerOrganisationId, `booking ${booking.id}`);
    if (booking.status !== BookingStatus.CONFIRMED && booking.status !== BookingStatus.REQUESTED) {
      throw new ConflictError('id', `booking ${booking.id} is ${booking.status}`);
    }
    const asset = await this.assets.getOrFail(booking.assetId);
    const duration = booking.endsAt.getTime() - booking.startsAt.getTime();
    const notBefore = Date.now() + asset.minNoticeMinutes * MINUTE;
    const window = { start: notBefore, end: booking.startsAt.getTime() + asset.bufferMinutes * MINUTE };
    const free = await this.freeIntervals(this.dataSource.manager, asset, window, booking.id);
    const slot = firstFit(free, duration + asset.bufferMinutes * MINUTE, notBefore);
    if (!slot || slot.start >= booking.startsAt.getTime()) {
      return { moved: false, booking, message: `no earlier free slot of ${duration / MINUTE} min before ${booking.startsAt.toISOString()}` };
    }
    const moved = await this.move(ctx, booking.id, { start: slot.start, end: slot.start + duration });
    return { moved: true, booking: moved, message: `moved to ${moved.startsAt.toISOString()}, the nearest earlier free slot` };
  }

  /** Operator override: moves a booking to any slot (opening hours and notice do not apply; overlap still does). */
  async operatorMove(ctx: RequestContext, bookingId: string, startsAt: Date, endsAt: Date): Promise<Booking> {
    const principal = requirePrincipal(ctx);
    if (!hasRole(principal, 'operator')) throw new ForbiddenError('FORBIDDEN_MISSING_ROLE', 'only an operator overrides the plan');
    if (!(endsAt > startsAt)) throw new BadInputError([{ field: 'endsAt', reason: 'must be after startsAt' }]);
    return this.move(ctx, bookingId, { start: startsAt.getTime(), end: endsAt.getTime() });
  }

  /**
   * Free slots of every asset offering a process, in a window, optionally near a place: at most
   * five statements whatever the number of assets. The assets, then their closures and confirmed
   * bookings up to a first horizon (where open time alone offers four times the answer's cap), and
   * only if bookings took most of that, the rest of the window (territory-slots.ts). The rest is in
   * memory. Each slot honours the asset's notice, buffer and shortest and longest booking
   * (slotsOfGap), so every slot offered can be booked as it is.
   */
  async freeSlots(input: FreeSlotsInput, now = Date.now()): Promise<FreeSlot[]> {
    const window = { start: Math.max(input.from.getTime(), now), end: input.to.getTime() };
    if (!(window.end > window.start)) throw new BadInputError([{ field: 'input.to', reason: 'must be after from and in the future' }]);
    if (window.end - window.start > 92 * 24 * HOUR) throw new BadInputError([{ field: 'input.to', reason: 'the window is at most 92 days' }]);
    // Raw rows (one JSON value each): only the assets in the answer become entities.
    const rows: Array<{ asset: Record<string, unknown> }> = await this.dataSource.query(
      `SELECT to_jsonb(a) AS asset FROM asset a WHERE a.process_code = $1 ORDER BY a.name`,
      [input.processCode],
    );
    const candidates: Array<{ asset: AssetRow; distanceKm: number | null }> = [];
    for (const asset of rows.map((r) => assetRow(r.asset))) {
      if (!input.near) {
        candidates.push({ asset, distanceKm: null });
        continue;
      }
      if (asset.latitude === null || asset.longitude === null) continue;
      const distanceKm = haversineKm(input.near, { latitude: asset.latitude, longitude: asset.longitude });
      if (distanceKm <= input.near.radiusKm) candidates.push({ asset, distanceKm });
    }
    if (candidates.length === 0) return [];
    const search = { candidates, window, now, minMinutes: input.minMinutes, limit: FREE_SLOTS_LIMIT };
    // Open time of the window and a day either side, once per distinct schedule.
    const openTime = new OpenTimeBySchedule({ start: window.start - DAY, end: window.end + DAY });
    const first = firstPassHorizon(search, openTime);
    const known = await this.closuresAndBookingsOf(candidates.map((c) => c.asset.id), { start: window.start, end: first.readUntil });
    let answer = earliestSlots(search, openTime, known, first.cap);
    if (!answer.complete) {
      if (first.readUntil < window.end) {
        const rest = await this.closuresAndBookingsOf(candidates.map((c) => c.asset.id), { start: first.readUntil, end: window.end });
        for (const [id, list] of rest.closed) known.closed.get(id)?.push(...list);
        for (const [id, list] of rest.busy) known.busy.get(id)?.push(...list);
      }
      answer = earliestSlots(search, openTime, known, window.end);
    }
    const hydrate = (this.assetFromRow ??= entityHydrator(this.dataSource, AssetEntity));
    const entities = new Map<string, Asset>();
    const entityOf = (a: AssetRow): Asset => {
      let entity = entities.get(a.id);
      if (!entity) entities.set(a.id, (entity = hydrate(a.row)));
      return entity;
    };
    return answer.slots.map((s) => ({ asset: entityOf(s.asset), startsAt: new Date(s.start), endsAt: new Date(s.end), distanceKm: s.distanceKm }));
  }

  /** Closures, and confirmed bookings and capacity holds (slot with buffer), of several assets overlapping a range: two statements. */
  private async closuresAndBookingsOf(assetIds: string[], range: Interval): Promise<KnownBusy> {
    const [closed, busy] = await Promise.all([this.assets.blackoutsOf(this.dataSource.manager, assetIds, range), this.busyOf(this.dataSource.manager, assetIds, range)]);
    return { closed, busy };
  }

  /**
   * Confirmed bookings and capacity holds (slot with buffer) of several assets overlapping a
   * window, in one statement. Bounds come as epoch milliseconds (float8): parsing tens of thousands
   * of timestamps as text was a tenth of freeSlots' time.
   */
  private async busyOf(tx: EntityManager, assetIds: string[], window: Interval): Promise<Map<string, Interval[]>> {
    const rows: Array<{ asset_id: string; s: number; e: number }> = await tx.query(
      `SELECT asset_id, round(extract(epoch FROM lower(slot)) * 1000)::float8 AS s, round(extract(epoch FROM upper(slot)) * 1000)::float8 AS e FROM booking
        WHERE asset_id = ANY($1::uuid[]) AND status IN ('CONFIRMED','HELD') AND slot && $2::tstzrange`,
      [assetIds, rangeLiteral(window)],
    );
    const byAsset = groupBy(assetIds, rows, (r) => r.asset_id);
    return new Map([...byAsset].map(([id, list]) => [id, list.map((r) => ({ start: r.s, end: r.e }))]));
  }

  async getOrFail(id: string): Promise<Booking> {
    const booking = await this.dataSource.getRepository(Booking).findOneBy({ id });
    if (!booking) throw new NotFoundError('booking', id);
    return booking;
  }

  async findByIds(ids: string[]): Promise<Map<string, Booking>> {
    const rows = await this.dataSource.getRepository(Booking).findBy({ id: In(ids.filter(isUuid)) });
    return new Map(rows.map((b) => [b.id, b]));
  }

  async mine(ctx: RequestContext): Promise<Booking[]> {
    const principal = requireOrganisation(ctx);
    return this.dataSource.getRepository(Booking).find({ where: { bookerOrganisationId: principal.organisationId }, order: { startsAt: 'ASC' }, take: 500 });
  }

  async ofAsset(ctx: RequestContext, assetId: string): Promise<Booking[]> {
    const principal = requireOrganisation(ctx);
    const asset = await this.assets.getOrFail(assetId);
    assertSameOrganisation(principal, asset.organisationId, `asset ${asset.id}`);
    return this.dataSource.getRepository(Booking).find({ where: { assetId }, order: { startsAt: 'ASC' }, take: 1000 });
  }

  async waitlistOf(ctx: RequestContext): Promise<WaitlistEntry[]> {
    const principal = requireOrganisation(ctx);
    return this.dataSource.getRepository(WaitlistEntry).find({ where: { bookerOrganisationId: principal.organisationId }, order: { createdAt: 'ASC' } });
  }

  /**
   * Checks the asset's rules, then inserts the booking; the insert is what decides a conflict
   * (`booking_no_overlap`, through ON CONFLICT DO NOTHING). Exported for the contention test's
   * service-level clients. Issue 16: two statements before the outbox row (the asset with its
   * closures in the slot; the insert, which reads the row back and, when it inserts nothing, the
   * slot that is taken), against five before, and no aborted transaction on a conflict.
   */
  async place(tx: EntityManager, assetId: string, slot: Interval, booker: Booker, options: PlaceOptions): Promise<Booking> {
    const { asset, closed } = await this.assetWithClosures(tx, assetId, slot);
    const terms = await this.checkRules(tx, asset, slot, booker, closed);
    const status = asset.requiresApproval && !options.fromWaitlist ? BookingStatus.REQUESTED : BookingStatus.CONFIRMED;
    const bufferedEnd = new Date(slot.end + asset.bufferMinutes * MINUTE);
    // ON CONFLICT DO NOTHING with no target takes the exclusion constraint as arbiter: a clash
    // inserts nothing instead of raising 23P01, so the same statement can name the taken slot
    // (from its snapshot; a clash committed while it waited may not be in it) and the transaction
    // stays usable, which the waitlist's savepoints and the caller's rollback rely on alike.
    const [placed]: Array<{ booking: Record<string, unknown> | null; taken: { id: string; starts_at: string; ends_at: string } | null }> = await tx.query(
      `WITH inserted AS (
         INSERT INTO booking (id, asset_id, asset_organisation_id, booker_organisation_id, booker_user_id, status,
                              starts_at, ends_at, slot, price_cents, plan_id, from_waitlist)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, tstzrange($7, $9, '[)'), $10, $11, $12)
         ON CONFLICT DO NOTHING RETURNING *)
       SELECT (SELECT to_jsonb(inserted) FROM inserted) AS booking,
              (SELECT to_jsonb(t) FROM (SELECT b.id, b.starts_at, b.ends_at FROM booking b
                  WHERE b.asset_id = $2 AND b.status IN ('CONFIRMED','HELD') AND b.slot && tstzrange($7, $9, '[)') ORDER BY b.starts_at LIMIT 1) t
                WHERE NOT EXISTS (SELECT 1 FROM inserted)) AS taken`,
      [randomUUID(), asset.id, asset.organisationId, booker.organisationId, booker.userId, status, new Date(slot.start), new Date(slot.end),
        bufferedEnd, terms.priceCents, terms.planId, options.fromWaitlist ?? false],
    );
    if (!placed.booking) {
      throw new SlotTakenError(placed.taken && { id: placed.taken.id, start: new Date(placed.taken.starts_at).getTime(), end: new Date(placed.taken.ends_at).getTime(), bufferMinutes: asset.bufferMinutes });
    }
    const booking = this.bookingFromRow(placed.booking);
    if (terms.authorisationId) await tx.query(`UPDATE authorisation SET last_used_at = now() WHERE id = $1`, [terms.authorisationId]);
    if (status === BookingStatus.CONFIRMED) {
      await this.outbox.record(tx, { topic: Topic.BookingConfirmed, key: asset.id, schema: BookingConfirmedSchema, message: bookingConfirmed(booking, asset), trace: options.trace });
    }
    return booking;
  }

  /** The asset and its closures overlapping the slot, in one statement; NOT_FOUND if there is no such asset. */
  private async assetWithClosures(tx: EntityManager, assetId: string, slot: Interval): Promise<{ asset: Asset; closed: Blackout[] }> {
    if (!isUuid(assetId)) throw new NotFoundError('asset', assetId);
    const [row]: Array<Record<string, unknown> & { closures: Array<{ s: string; e: string; reason: string }> }> = await tx.query(
      `SELECT to_jsonb(a) AS asset,
              (SELECT coalesce(json_agg(json_build_object('s', lower(period), 'e', upper(period), 'reason', reason) ORDER BY lower(period)), '[]')
                 FROM blackout WHERE asset_id = a.id AND period && $2::tstzrange) AS closures
         FROM asset a WHERE a.id = $1`,
      [assetId, rangeLiteral(slot)],
    );
    if (!row) throw new NotFoundError('asset', assetId);
    this.assetFromRow ??= entityHydrator(this.dataSource, AssetEntity);
    return {
      asset: this.assetFromRow(row.asset as Record<string, unknown>),
      closed: row.closures.map((c) => ({ start: new Date(c.s).getTime(), end: new Date(c.e).getTime(), reason: c.reason })),
    };
  }

  private assetFromRow?: (row: Record<string, unknown>) => Asset;
  private bookingHydrator?: (row: Record<string, unknown>) => Booking;

  private bookingFromRow(row: Record<string, unknown>): Booking {
    this.bookingHydrator ??= entityHydrator(this.dataSource, Booking);
    return this.bookingHydrator(row);
  }

  private async checkRules(
    tx: EntityManager,
    asset: Asset,
    slot: Interval,
    booker: Booker,
    closed?: Blackout[],
  ): Promise<{ priceCents: number; planId: string | null; authorisationId: string | null }> {
    const problems = slotProblems(asset, slot, Date.now(), closed ?? (await this.assets.blackouts(tx, asset.id, slot)));
    if (problems.length) throw new BadInputError(problems);
    let authorisationId: string | null = null;
    if (asset.requiredTrainingId) {
      const authorisation = await this.trainings.validAuthorisation(tx, asset.requiredTrainingId, booker.userId);
      if (!authorisation) {
        const training = await tx.findOneByOrFail(Training, { id: asset.requiredTrainingId });
        throw new BadInputError([
          {
            field: 'input.assetId',
            reason: `missing authorisation: this asset requires the training "${training.name}" (${training.id}), or one its organisation recognises; an authorisation lapses after ${training.expiresAfterUnusedMonths} months unused`,
          },
        ]);
      }
      authorisationId = authorisation.id;
    }
    const hours = (slot.end - slot.start) / HOUR;
    if (asset.planId) {
      // Locking the subscription serialises one organisation's bookings under a plan, so two
      // concurrent requests cannot both spend the last hours of the quota.
      const [subscription] = await tx.query(
        `SELECT s.id, p.name, p.monthly_hour_quota AS quota FROM subscription s JOIN plan p ON p.id = s.plan_id
          WHERE s.plan_id = $1 AND s.subscriber_organisation_id = $2 FOR UPDATE OF s`,
        [asset.planId, booker.organisationId],
      );
      if (subscription) {
        const month = monthOf(slot.start, asset.timezone);
        const [used] = await tx.query(
          `SELECT coalesce(sum(extract(epoch FROM ends_at - starts_at)) / 3600, 0)::float AS hours FROM booking
            WHERE plan_id = $1 AND booker_organisation_id = $2 AND status IN ('REQUESTED','CONFIRMED','COMPLETED')
              AND starts_at >= $3 AND starts_at < $4`,
          [asset.planId, booker.organisationId, new Date(month.start), new Date(month.end)],
        );
        const decision = checkQuota(subscription.name, subscription.quota, Number(used.hours), hours);
        if (!decision.ok) throw new BadInputError([{ field: 'input.endsAt', reason: decision.reason ?? 'beyond plan quota' }]);
        return { priceCents: 0, planId: asset.planId, authorisationId };
      }
      if (asset.priceModel === PriceModel.SUBSCRIPTION && asset.hourlyRateCents === null) {
        throw new BadInputError([{ field: 'input.assetId', reason: `this asset is booked under a subscription plan (${asset.planId}); subscribe first` }]);
      }
    }
    return { priceCents: bookingPriceCents(asset.planId ? PriceModel.HOURLY : asset.priceModel, hours, asset.hourlyRateCents), planId: null, authorisationId };
  }

  private async offerToWaitlist(tx: EntityManager, assetId: string, freed: Interval, trace: TraceContext): Promise<void> {
    const waiting: Array<{ id: string }> = await tx.query(
      `SELECT id FROM waitlist_entry
        WHERE asset_id = $1 AND status = 'WAITING' AND tstzrange(starts_at, ends_at) && $2::tstzrange AND starts_at > now()
        ORDER BY created_at, id FOR UPDATE SKIP LOCKED`,
      [assetId, rangeLiteral(freed)],
    );
    for (const { id } of waiting) {
      const entry = await tx.findOneByOrFail(WaitlistEntry, { id });
      // A savepoint per candidate: one that no longer fits (still overlapping another booking,
      // authorisation lapsed, quota spent) must not undo the cancellation or the others.
      await tx.query('SAVEPOINT waitlist_offer');
      try {
        const booking = await this.place(tx, assetId, slotOf(entry), { userId: entry.bookerUserId, organisationId: entry.bookerOrganisationId }, { fromWaitlist: true, trace });
        await tx.query(`UPDATE waitlist_entry SET status = 'CONFIRMED', booking_id = $2 WHERE id = $1`, [entry.id, booking.id]);
        await tx.query('RELEASE SAVEPOINT waitlist_offer');
      } catch {
        await tx.query('ROLLBACK TO SAVEPOINT waitlist_offer');
      }
    }
  }

  private async move(ctx: RequestContext, bookingId: string, slot: Interval): Promise<Booking> {
    const principal = requirePrincipal(ctx);
    const current = await this.getOrFail(bookingId);
    return this.withConflictNamed(current.assetId, slot, () =>
      this.dataSource.transaction(async (tx) => {
        const booking = await this.lockOrFail(tx, bookingId);
        assertSameOrganisation(principal, booking.bookerOrganisationId, `booking ${booking.id}`);
        const asset = await this.assets.getOrFail(booking.assetId, tx);
        await tx.query(`UPDATE booking SET starts_at = $2, ends_at = $3, slot = tstzrange($2, $4, '[)'), updated_at = now() WHERE id = $1`, [
          booking.id, new Date(slot.start), new Date(slot.end), new Date(slot.end + asset.bufferMinutes * MINUTE),
        ]);
        const moved = await tx.findOneByOrFail(Booking, { id: booking.id });
        // Consumers key bookings by id: a new booking-confirmed with the new slot replaces the old one.
        if (moved.status === BookingStatus.CONFIRMED) {
          await this.outbox.record(tx, { topic: Topic.BookingConfirmed, key: asset.id, schema: BookingConfirmedSchema, message: bookingConfirmed(moved, asset), trace: newTrace(ctx.correlationId) });
        }
        return moved;
      }),
    );
  }

  /** Open time minus closures minus other confirmed bookings (with their buffers). */
  private async freeIntervals(tx: EntityManager, asset: Asset, window: Interval, exceptBookingId?: string): Promise<Interval[]> {
    if (!(window.end > window.start)) return [];
    const open = openIntervals(asset.openingHours, asset.timezone, window);
    const closed = await this.assets.blackouts(tx, asset.id, window);
    const busy: Array<{ s: Date; e: Date }> = await tx.query(
      `SELECT lower(slot) AS s, upper(slot) AS e FROM booking
        WHERE asset_id = $1 AND status IN ('CONFIRMED','HELD') AND slot && $2::tstzrange AND id <> coalesce($3::uuid, '00000000-0000-0000-0000-000000000000')`,
      [asset.id, rangeLiteral(window), exceptBookingId ?? null],
    );
    return subtract(open, [...closed, ...busy.map((b) => ({ start: new Date(b.s).getTime(), end: new Date(b.e).getTime() }))]);
  }

  private cancellationRole(principal: Principal, booking: Booking): CancellationReason {
    if (principal.organisationId === booking.bookerOrganisationId) return CancellationReason.BY_BOOKER;
    if (principal.organisationId === booking.assetOrganisationId) return CancellationReason.BY_OWNER;
    if (hasRole(principal, 'operator')) return CancellationReason.BY_OPERATOR;
    throw new ForbiddenError('FORBIDDEN_OTHER_ORGANISATION', `booking ${booking.id} belongs to another organisation; you may only cancel your own`);
  }

  /**
   * Turns a clash into a CONFLICT naming the slot that is taken: a SlotTakenError from place(), or
   * an exclusion-constraint violation (23P01) from the updates that move or confirm a booking.
   */
  private async withConflictNamed<T>(assetId: string, slot: Interval, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof SlotTakenError) && !isExclusionViolation(error)) throw error;
      let taken = error instanceof SlotTakenError ? error.taken : null;
      if (!taken) {
        const [row] = await this.dataSource.query(
          `SELECT b.id, b.starts_at, b.ends_at, a.buffer_minutes FROM booking b JOIN asset a ON a.id = b.asset_id
            WHERE b.asset_id = $1 AND b.status IN ('CONFIRMED','HELD') AND b.slot && tstzrange($2::timestamptz, $3::timestamptz + make_interval(mins => a.buffer_minutes), '[)')
            ORDER BY b.starts_at LIMIT 1`,
          [assetId, new Date(slot.start), new Date(slot.end)],
        );
        taken = row ? { id: row.id, start: new Date(row.starts_at).getTime(), end: new Date(row.ends_at).getTime(), bufferMinutes: row.buffer_minutes } : null;
      }
      const what = taken
        ? `slot taken: asset ${assetId} is booked from ${new Date(taken.start).toISOString()} to ${new Date(taken.end).toISOString()}${taken.bufferMinutes ? ` (+${taken.bufferMinutes} min buffer)` : ''} by booking ${taken.id}`
        : `slot taken: asset ${assetId} has a confirmed booking overlapping ${new Date(slot.start).toISOString()}-${new Date(slot.end).toISOString()}`;
      throw new ConflictError('input.startsAt', `${what}; joinWaitlist to be offered the slot if it is freed`);
    }
  }

  /** Locks the booking row for the rest of the transaction, or says it does not exist. */
  async lockOrFail(tx: EntityManager, id: string): Promise<Booking> {
    const booking = await tx.getRepository(Booking).createQueryBuilder('b').setLock('pessimistic_write').where('b.id = :id', { id }).getOne();
    if (!booking) throw new NotFoundError('booking', id);
    return booking;
  }
}
