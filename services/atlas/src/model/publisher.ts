import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Subject } from 'rxjs';
import { DataSource } from 'typeorm';
import { TenderStatus } from '@rim/contracts';
import { territory } from '@rim/territory';
import type { Published } from '../secrecy/secrecy';
import { AtlasComputation, parseCellKey, type Facts, type Gap } from './atlas-model';
import type { IndicatorKey, Steps } from './indicators';
import type { Level } from './levels';

export const ATLAS_OPTIONS = Symbol('ATLAS_OPTIONS');
export interface AtlasOptions {
  refreshMs: number;
  steps: Steps;
  cacheSeconds: number;
  heartbeatMs: number;
  corsOrigins: string[];
}

/** One published value that changed, as the SSE stream sends it. */
export interface IndicatorChange {
  level: Level;
  code: string;
  indicator: IndicatorKey;
  value: number | null;
  withheld: boolean;
  at: string;
}

/** Recomputed at least this often even without events: the 30-day window and expiries move with time. */
const PERIODIC_MS = 60_000;

/**
 * Holds the published atlas: recomputes it from the facts after each committed inbox transaction
 * (it polls `atlas_revision`, bumped by every handler), keeps today's values in the daily history,
 * and announces each published value that changed.
 */
@Injectable()
export class AtlasPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AtlasPublisher');
  private published = new Map<string, Published>();
  private gaps: ReadonlyMap<string, Gap[]> = new Map();
  private revision = -1;
  private computedAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** Bumped on every recomputation that changed something: the ETag's base. */
  version = 0;
  readonly changes = new Subject<IndicatorChange>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(ATLAS_OPTIONS) private readonly options: AtlasOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    territory();
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch((e) => this.logger.warn(`refresh: ${(e as Error).message}`)), this.options.refreshMs);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.changes.complete();
  }

  current(): ReadonlyMap<string, Published> {
    return this.published;
  }

  /** The gaps of an area (processes asked for with no local supplier), from the last computation. */
  gapsOf(level: Level, code: string): Gap[] {
    return this.gaps.get(`${level}|${code}`) ?? [];
  }

  /** Recomputes if an event was committed since the last time (or a minute has passed). */
  refresh(force = false): Promise<void> {
    this.running ??= this.doRefresh(force).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async doRefresh(force: boolean): Promise<void> {
    const [{ revision }] = (await this.dataSource.query(`SELECT revision::int AS revision FROM atlas_revision WHERE id = 1`)) as [{ revision: number }];
    const now = new Date();
    if (!force && revision === this.revision && now.getTime() - this.computedAt < PERIODIC_MS) return;
    const facts = await this.loadFacts(now);
    const computation = new AtlasComputation(territory(), this.options.steps);
    const next = computation.compute(facts, now);
    this.gaps = computation.gaps;
    const first = this.revision === -1;
    const changed: [string, Published][] = [];
    for (const [key, p] of next) {
      const before = this.published.get(key);
      if (!before || before.value !== p.value || before.withheld !== p.withheld) changed.push([key, p]);
    }
    for (const [key, p] of this.published) {
      // A cell that lost its last fact: published as 0 from now on.
      if (!next.has(key) && (p.value !== 0 || p.withheld)) {
        const zero: Published = { value: 0, withheld: false, withheldReason: null, contributors: 0 };
        next.set(key, zero);
        changed.push([key, zero]);
      }
    }
    await this.recordDay(now, first ? [...next] : changed);
    this.published = next;
    this.revision = revision;
    this.computedAt = now.getTime();
    if (changed.length === 0) return;
    this.version += 1;
    if (first) return;
    const at = now.toISOString();
    for (const [key, p] of changed) {
      const { indicator, level, code, breakdown } = parseCellKey(key);
      if (breakdown === '') this.changes.next({ level, code, indicator, value: p.value, withheld: p.withheld, at });
    }
  }

  private async recordDay(now: Date, cells: [string, Published][]): Promise<void> {
    if (cells.length === 0) return;
    const day = now.toISOString().slice(0, 10);
    const rows = cells.map(([key, p]) => ({ ...parseCellKey(key), p }));
    for (let i = 0; i < rows.length; i += 5000) {
      const batch = rows.slice(i, i + 5000);
      await this.dataSource.query(
        `INSERT INTO atlas_daily_value (day, level, code, indicator, breakdown, value, withheld, withheld_reason)
         SELECT $1::date, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::bool[], $8::text[])
         ON CONFLICT (level, code, indicator, breakdown, day) DO UPDATE
           SET value = EXCLUDED.value, withheld = EXCLUDED.withheld, withheld_reason = EXCLUDED.withheld_reason`,
        [
          day,
          batch.map((r) => r.level),
          batch.map((r) => r.code),
          batch.map((r) => r.indicator),
          batch.map((r) => r.breakdown),
          batch.map((r) => r.p.value),
          batch.map((r) => r.p.withheld),
          batch.map((r) => r.p.withheldReason),
        ],
      );
    }
  }

  private async loadFacts(now: Date): Promise<Facts> {
    const q = <T>(sql: string, params: unknown[] = []): Promise<T[]> => this.dataSource.query(sql, params) as Promise<T[]>;
    const [organisations, sites, assets, capacities, bookings, trips, shipments, processes, lots, consortia, consortiumShares, awards] = await Promise.all([
      q<{ id: string; nafSection: string | null; tier: number | null }>(`SELECT id, naf_section AS "nafSection", tier FROM atlas_organisation`),
      q<Facts['sites'][number]>(`SELECT id, organisation_id AS "organisationId", commune, h3r7, added_at AS "addedAt" FROM atlas_site`),
      q<Facts['assets'][number]>(
        `SELECT id, organisation_id AS "organisationId", commune, h3r7, weekly_open_hours AS "weeklyOpenHours" FROM atlas_asset WHERE listed`,
      ),
      q<Facts['capacities'][number]>(
        `SELECT c.organisation_id AS "organisationId", s.commune, s.h3r7, c.hours
           FROM atlas_capacity c JOIN atlas_site s ON s.id = c.site_id
          WHERE c.window_end IS NULL OR c.window_end > $1`,
        [now],
      ),
      q<Facts['bookings'][number]>(
        `SELECT b.organisation_id AS "organisationId", b.commune, b.h3r7, b.slot_start AS start, b.slot_end AS "end"
           FROM atlas_booking b WHERE b.status IN ('CONFIRMED','COMPLETED') AND b.slot_start IS NOT NULL AND b.slot_end IS NOT NULL`,
      ),
      q<Facts['trips'][number]>(`SELECT organisation_id AS "organisationId", commune, h3r7 FROM atlas_trip`),
      q<Facts['shipments'][number]>(
        `SELECT organisation_id AS "organisationId", commune, h3r7, co2_avoided_kg AS "co2AvoidedKg", km_avoided AS "kmAvoided", pallets, crates FROM atlas_shipment`,
      ),
      q<Facts['processes'][number]>(
        `SELECT c.organisation_id AS "organisationId", s.commune, s.h3r7, c.process_code AS "processCode"
           FROM atlas_capability c JOIN atlas_site s ON s.id = c.site_id`,
      ),
      q<Facts['lots'][number]>(
        `SELECT l.id, l.tender_id AS "tenderId", coalesce(t.status = $1, false) AS open, l.delivery_commune AS commune, l.required_processes AS processes
           FROM atlas_tender_lot l LEFT JOIN atlas_tender t ON t.id = l.tender_id`,
        [TenderStatus.OPEN],
      ),
      q<Facts['consortia'][number]>(`SELECT id, tender_id AS "tenderId", member_organisation_ids AS members FROM atlas_consortium`),
      q<Facts['consortiumShares'][number]>(
        `SELECT consortium_id AS "consortiumId", lot_id AS "lotId", organisation_id AS "organisationId", share_percent AS "sharePercent" FROM atlas_consortium_share`,
      ),
      q<Facts['awards'][number]>(`SELECT lot_id AS "lotId", tender_id AS "tenderId", member_organisation_ids AS members, value_eur AS "valueEur" FROM atlas_award`),
    ]);
    return { organisations, sites, assets, capacities, bookings, trips, shipments, processes, lots, consortia, consortiumShares, awards };
  }
}
