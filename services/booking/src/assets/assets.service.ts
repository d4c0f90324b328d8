import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { latLngToCell } from 'h3-js';
import { DataSource, In, type EntityManager } from 'typeorm';
import { assertSameOrganisation } from '@rim/auth';
import { AssetListedSchema, AvailabilityChangedSchema, Topic } from '@rim/contracts';
import { newTrace, OutboxWriter } from '@rim/messaging';
import { BadInputError, groupBy, isUuid, NotFoundError, type FieldProblem, type RequestContext } from '@rim/service-kit';
import { PriceModel } from '../availability/pricing';
import { clip, openIntervals, scheduleProblems, subtract, totalMs, type Interval } from '../availability/time-intervals';
import type { Blackout } from '../availability/booking-rules';
import { actingOrganisation, requireOrganisation } from '../common/principal';
import { KnownSite } from '../organisations/known-site.entity';
import { Plan } from '../plans/plan.entity';
import { Training } from '../trainings/training.entity';
import { Asset } from './asset.entity';
import { WIRE_ASSET_KIND, weeklyOpenHours, wireLocation } from './asset-events';
import type { AvailabilityInput } from './dto/availability.input';
import type { ListAssetInput } from './dto/list-asset.input';

const HOUR = 3_600_000;

/** Booked hours over open hours of one asset in a window. */
export interface Utilisation {
  from: Date;
  to: Date;
  openHours: number;
  bookedHours: number;
  ratio: number;
}

const DEFAULTS = {
  timezone: 'Europe/Paris',
  minBookingMinutes: 30,
  maxBookingMinutes: 480,
  minNoticeMinutes: 0,
  bufferMinutes: 0,
  cancellationDeadlineHours: 24,
  requiresApproval: false,
};

export function rangeLiteral(i: Interval): string {
  return `[${new Date(i.start).toISOString()},${new Date(i.end).toISOString()})`;
}

@Injectable()
export class AssetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async list(ctx: RequestContext, input: ListAssetInput): Promise<Asset> {
    const principal = requireOrganisation(ctx);
    return this.dataSource.transaction(async (tx) => {
      const organisationId = await actingOrganisation(tx, principal, input.organisationId, 'input.organisationId');
      const problems: FieldProblem[] = [];
      if (input.priceModel === PriceModel.HOURLY && input.hourlyRateCents == null) {
        problems.push({ field: 'input.hourlyRateCents', reason: 'an hourly asset needs its hourly rate' });
      }
      if (input.priceModel === PriceModel.LEASE && input.monthlyLeaseCents == null) {
        problems.push({ field: 'input.monthlyLeaseCents', reason: 'a leased asset needs its monthly lease' });
      }
      if (input.priceModel === PriceModel.SUBSCRIPTION && !input.planId) {
        problems.push({ field: 'input.planId', reason: 'a subscription asset needs the plan that covers it' });
      }
      if (input.planId) {
        const plan = await tx.findOneBy(Plan, { id: input.planId });
        if (!plan || plan.organisationId !== organisationId) {
          problems.push({ field: 'input.planId', reason: 'must be one of your organisation plans' });
        }
      }
      if (input.requiredTrainingId && !(await tx.existsBy(Training, { id: input.requiredTrainingId }))) {
        problems.push({ field: 'input.requiredTrainingId', reason: 'no such training' });
      }
      const site = input.siteId ? await tx.findOneBy(KnownSite, { id: input.siteId }) : null;
      if (input.siteId && !site) {
        problems.push({ field: 'input.siteId', reason: 'unknown site: booking learns sites from the directory; add it there first, or retry in a moment' });
      }
      if (site && site.organisationId !== organisationId) {
        problems.push({ field: 'input.siteId', reason: 'must be a site of your organisation' });
      }
      problems.push(...this.availabilityProblems(input));
      if (problems.length) throw new BadInputError(problems);

      const asset = tx.create(Asset, {
        id: randomUUID(),
        organisationId,
        siteId: input.siteId ?? null,
        name: input.name.trim(),
        kind: input.kind,
        processCode: input.processCode,
        specs: Object.fromEntries((input.specs ?? []).map((s) => [s.name, s.value])),
        capacityUnit: input.capacityUnit ?? 'machine',
        mobile: input.mobile ?? false,
        timezone: input.timezone ?? DEFAULTS.timezone,
        openingHours: (input.openingHours ?? []).map(({ day, opens, closes }) => ({ day, opens, closes })),
        minBookingMinutes: input.minBookingMinutes ?? DEFAULTS.minBookingMinutes,
        maxBookingMinutes: input.maxBookingMinutes ?? Math.max(DEFAULTS.maxBookingMinutes, input.minBookingMinutes ?? 0),
        minNoticeMinutes: input.minNoticeMinutes ?? DEFAULTS.minNoticeMinutes,
        bufferMinutes: input.bufferMinutes ?? DEFAULTS.bufferMinutes,
        cancellationDeadlineHours: input.cancellationDeadlineHours ?? DEFAULTS.cancellationDeadlineHours,
        requiresApproval: input.requiresApproval ?? DEFAULTS.requiresApproval,
        requiredTrainingId: input.requiredTrainingId ?? null,
        priceModel: input.priceModel,
        hourlyRateCents: input.hourlyRateCents ?? null,
        monthlyLeaseCents: input.monthlyLeaseCents ?? null,
        planId: input.planId ?? null,
      });
      this.place(asset, input.latitude ?? site?.latitude ?? null, input.longitude ?? site?.longitude ?? null);
      await tx.insert(Asset, asset);
      await this.replaceBlackouts(tx, asset.id, input);
      await this.outbox.record(tx, {
        topic: Topic.AssetListed,
        key: asset.id,
        schema: AssetListedSchema,
        message: {
          assetId: asset.id,
          organisationId: asset.organisationId,
          name: asset.name,
          kind: WIRE_ASSET_KIND[asset.kind],
          processCode: asset.processCode,
          location: wireLocation(asset),
          mobile: asset.mobile,
          requiresTraining: asset.requiredTrainingId !== null,
          capacityUnit: asset.capacityUnit,
        },
        trace: newTrace(ctx.correlationId),
      });
      return tx.findOneByOrFail(Asset, { id: asset.id });
    });
  }

  async updateAvailability(ctx: RequestContext, assetId: string, input: AvailabilityInput): Promise<Asset> {
    const principal = requireOrganisation(ctx);
    return this.dataSource.transaction(async (tx) => {
      const asset = await this.lockOrFail(tx, assetId);
      assertSameOrganisation(principal, asset.organisationId, `asset ${asset.id}`);
      const problems = this.availabilityProblems({
        ...input,
        minBookingMinutes: input.minBookingMinutes ?? asset.minBookingMinutes,
        maxBookingMinutes: input.maxBookingMinutes ?? asset.maxBookingMinutes,
      });
      if ((input.latitude !== undefined || input.longitude !== undefined) && !asset.mobile && asset.latitude !== null) {
        problems.push({ field: 'input.latitude', reason: 'only a mobile asset changes location' });
      }
      if (problems.length) throw new BadInputError(problems);
      if (input.openingHours) asset.openingHours = input.openingHours.map(({ day, opens, closes }) => ({ day, opens, closes }));
      if (input.timezone) asset.timezone = input.timezone;
      for (const key of ['minBookingMinutes', 'maxBookingMinutes', 'minNoticeMinutes', 'bufferMinutes', 'cancellationDeadlineHours', 'requiresApproval'] as const) {
        if (input[key] !== undefined && input[key] !== null) (asset as unknown as Record<string, unknown>)[key] = input[key];
      }
      if (input.latitude !== undefined && input.longitude !== undefined) this.place(asset, input.latitude, input.longitude);
      await tx.save(asset);
      await this.replaceBlackouts(tx, asset.id, input);
      const ahead = await this.blackouts(tx, asset.id, { start: Date.now(), end: Date.now() + 3650 * 86_400_000 });
      await this.outbox.record(tx, {
        topic: Topic.AvailabilityChanged,
        key: asset.id,
        schema: AvailabilityChangedSchema,
        message: {
          assetId: asset.id,
          organisationId: asset.organisationId,
          weeklyOpenHours: weeklyOpenHours(asset.openingHours),
          blackouts: ahead.map((b) => ({ start: new Date(b.start).toISOString(), end: new Date(b.end).toISOString() })),
          location: wireLocation(asset),
        },
        trace: newTrace(ctx.correlationId),
      });
      return tx.findOneByOrFail(Asset, { id: asset.id });
    });
  }

  findById(id: string): Promise<Asset | null> {
    return this.dataSource.getRepository(Asset).findOneBy({ id });
  }

  async getOrFail(id: string, tx: EntityManager = this.dataSource.manager): Promise<Asset> {
    const asset = await tx.findOneBy(Asset, { id });
    if (!asset) throw new NotFoundError('asset', id);
    return asset;
  }

  listByOrganisation(organisationId: string): Promise<Asset[]> {
    return this.dataSource.getRepository(Asset).find({ where: { organisationId }, order: { name: 'ASC' } });
  }

  /** The assets of every organisation a request lists, in one statement; ids that are not UUIDs match nothing. */
  async listByOrganisations(organisationIds: string[]): Promise<Map<string, Asset[]>> {
    const valid = organisationIds.filter(isUuid);
    const rows = valid.length ? await this.dataSource.getRepository(Asset).find({ where: { organisationId: In(valid) }, order: { name: 'ASC' } }) : [];
    return groupBy(organisationIds, rows, (a) => a.organisationId);
  }

  /** Assets referenced by other subgraphs, in one statement. */
  async findByIds(ids: string[]): Promise<Map<string, Asset>> {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await this.dataSource.getRepository(Asset).findBy({ id: In(valid) }) : [];
    return new Map(rows.map((a) => [a.id, a]));
  }

  /**
   * Booked hours over open hours of one asset in a window (the `utilisation` query and
   * `Asset.utilisation`). Computed here, beside the opening hours and closures it divides by, so
   * that the assets aggregate answers its own field without depending on the bookings module.
   */
  async utilisation(assetId: string, from: Date, to: Date): Promise<Utilisation> {
    if (!(to > from)) throw new BadInputError([{ field: 'to', reason: 'must be after from' }]);
    if (to.getTime() - from.getTime() > 400 * 24 * HOUR) throw new BadInputError([{ field: 'to', reason: 'the window is at most 400 days' }]);
    const asset = await this.getOrFail(assetId);
    const window = { start: from.getTime(), end: to.getTime() };
    const open = subtract(openIntervals(asset.openingHours, asset.timezone, window), await this.blackouts(this.dataSource.manager, asset.id, window));
    const rows: Array<{ s: Date; e: Date }> = await this.dataSource.query(
      `SELECT starts_at AS s, ends_at AS e FROM booking
        WHERE asset_id = $1 AND status IN ('CONFIRMED','COMPLETED') AND tstzrange(starts_at, ends_at) && $2::tstzrange`,
      [asset.id, rangeLiteral(window)],
    );
    const booked = clip(rows.map((r) => ({ start: new Date(r.s).getTime(), end: new Date(r.e).getTime() })), window);
    const openHours = totalMs(open) / HOUR;
    const bookedHours = totalMs(booked) / HOUR;
    return { from, to, openHours, bookedHours, ratio: openHours > 0 ? bookedHours / openHours : 0 };
  }

  async blackouts(tx: EntityManager, assetId: string, range: Interval): Promise<Blackout[]> {
    const rows: Array<{ s: Date; e: Date; reason: string }> = await tx.query(
      `SELECT lower(period) AS s, upper(period) AS e, reason FROM blackout
        WHERE asset_id = $1 AND period && $2::tstzrange ORDER BY lower(period)`,
      [assetId, rangeLiteral(range)],
    );
    return rows.map((r) => ({ start: new Date(r.s).getTime(), end: new Date(r.e).getTime(), reason: r.reason }));
  }

  /** Closures of several assets overlapping a range, in one statement. */
  async blackoutsOf(tx: EntityManager, assetIds: string[], range: Interval): Promise<Map<string, Blackout[]>> {
    const rows: Array<{ asset_id: string; s: Date; e: Date; reason: string }> = await tx.query(
      `SELECT asset_id, lower(period) AS s, upper(period) AS e, reason FROM blackout
        WHERE asset_id = ANY($1::uuid[]) AND period && $2::tstzrange ORDER BY lower(period)`,
      [assetIds, rangeLiteral(range)],
    );
    const byAsset = groupBy(assetIds, rows, (r) => r.asset_id);
    return new Map([...byAsset].map(([id, list]) => [id, list.map((r) => ({ start: new Date(r.s).getTime(), end: new Date(r.e).getTime(), reason: r.reason }))]));
  }

  private place(asset: Asset, latitude: number | null, longitude: number | null): void {
    asset.latitude = latitude;
    asset.longitude = longitude;
    asset.h3R7 = latitude !== null && longitude !== null ? latLngToCell(latitude, longitude, 7) : null;
    asset.h3R9 = latitude !== null && longitude !== null ? latLngToCell(latitude, longitude, 9) : null;
  }

  private async replaceBlackouts(tx: EntityManager, assetId: string, input: AvailabilityInput): Promise<void> {
    if (!input.blackouts) return;
    await tx.query(`DELETE FROM blackout WHERE asset_id = $1 AND upper(period) > now()`, [assetId]);
    for (const b of input.blackouts) {
      await tx.query(`INSERT INTO blackout (id, asset_id, period, reason) VALUES ($1, $2, $3::tstzrange, $4)`, [
        randomUUID(),
        assetId,
        rangeLiteral({ start: b.startsAt.getTime(), end: b.endsAt.getTime() }),
        b.reason,
      ]);
    }
  }

  private availabilityProblems(input: AvailabilityInput): FieldProblem[] {
    const problems: FieldProblem[] = scheduleProblems(input.openingHours ?? []).map((reason) => ({ field: 'input.openingHours', reason }));
    (input.blackouts ?? []).forEach((b, i) => {
      if (!(b.endsAt > b.startsAt)) problems.push({ field: `input.blackouts.${i}.endsAt`, reason: 'must be after startsAt' });
    });
    if (input.timezone) {
      try {
        new Intl.DateTimeFormat('en', { timeZone: input.timezone });
      } catch {
        problems.push({ field: 'input.timezone', reason: 'must be an IANA time zone such as Europe/Paris' });
      }
    }
    if (input.minBookingMinutes != null && input.maxBookingMinutes != null && input.maxBookingMinutes < input.minBookingMinutes) {
      problems.push({ field: 'input.maxBookingMinutes', reason: 'must be at least minBookingMinutes' });
    }
    if ((input.latitude === undefined) !== (input.longitude === undefined)) {
      problems.push({ field: 'input.longitude', reason: 'give both latitude and longitude' });
    }
    return problems;
  }

  private async lockOrFail(tx: EntityManager, id: string): Promise<Asset> {
    const asset = await tx.getRepository(Asset).createQueryBuilder('a').setLock('pessimistic_write').where('a.id = :id', { id }).getOne();
    if (!asset) throw new NotFoundError('asset', id);
    return asset;
  }
}
