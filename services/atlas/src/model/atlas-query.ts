import { Inject, Injectable } from '@nestjs/common';
import { cellToBoundary, cellToLatLng, isValidCell, getResolution } from 'h3-js';
import { DataSource } from 'typeorm';
import { territory, ADMIN_LEVELS, type AdminLevel, type AreaGeometry, type Commune } from '@rim/territory';
import { roundToStep, type Published } from '../secrecy/secrecy';
import { cellKey, type Gap } from './atlas-model';
import { indicatorDefinitions, NAF_SECTION_LABELS, type IndicatorDefinition, type IndicatorKey } from './indicators';
import { isLevel, LEVELS, type Level } from './levels';
import { ATLAS_OPTIONS, AtlasPublisher, type AtlasOptions } from './publisher';

/** A refusal of the atlas API: HTTP status, reason, and the parameter at fault. */
export class AtlasRequestError extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

export interface AreaValue {
  code: string;
  name: string;
  level: Level;
  indicator: IndicatorKey;
  value: number | null;
  withheld: boolean;
  withheldReason: Published['withheldReason'];
  geometry: AreaGeometry;
  centre: [number, number];
}

export interface Flow {
  origin: string;
  destination: string;
  originName: string;
  destinationName: string;
  originCentre: [number, number];
  destinationCentre: [number, number];
  count: number | null;
  loads: number | null;
  withheld: boolean;
}

const EMPTY: Published = { value: 0, withheld: false, withheldReason: null, contributors: 0 };
const HISTORY_INDICATORS: IndicatorKey[] = ['organisations', 'asset_utilisation', 'co2_avoided_kg'];

/** The read side of the API, shared by the HTTP controller and the GraphQL resolver. */
@Injectable()
export class AtlasQuery {
  readonly definitions: IndicatorDefinition[];
  private readonly h3Names = new Map<string, Commune | null>();
  private readonly epciDepartements = new Map<string, Set<string>>();

  constructor(
    private readonly publisher: AtlasPublisher,
    private readonly dataSource: DataSource,
    @Inject(ATLAS_OPTIONS) options: AtlasOptions,
  ) {
    this.definitions = indicatorDefinitions(options.steps);
    for (const c of territory().communes()) {
      if (!c.epci) continue;
      const set = this.epciDepartements.get(c.epci) ?? new Set<string>();
      set.add(c.departement);
      this.epciDepartements.set(c.epci, set);
    }
  }

  get version(): number {
    return this.publisher.version;
  }

  indicators(privileged: boolean): IndicatorDefinition[] {
    return this.definitions.filter((d) => d.public || privileged);
  }

  /** The indicator asked for, if the caller may see it. */
  indicator(key: unknown, privileged: boolean, field = 'indicator'): IndicatorDefinition {
    const definition = this.definitions.find((d) => d.key === key);
    if (typeof key !== 'string' || key === '') throw new AtlasRequestError(400, field, 'is required: one of ' + this.indicators(privileged).map((d) => d.key).join(', '));
    if (!definition) throw new AtlasRequestError(400, field, `unknown indicator "${key}"; one of ${this.indicators(privileged).map((d) => d.key).join(', ')}`);
    if (!definition.public && !privileged) throw new AtlasRequestError(403, field, `"${key}" is reserved to the authority and operator roles`);
    return definition;
  }

  level(value: unknown, field = 'level'): Level {
    if (!isLevel(value)) throw new AtlasRequestError(400, field, `must be one of ${LEVELS.join(', ')}`);
    return value;
  }

  /** Parses `<level>:<code>`: an administrative area coarser than `level`. */
  within(value: unknown, level: Level): { level: AdminLevel; code: string } | null {
    if (value === undefined || value === '') return null;
    const match = typeof value === 'string' ? /^(region|departement|epci):([\w]+)$/.exec(value) : null;
    if (!match) throw new AtlasRequestError(400, 'within', 'must be <level>:<code> with level region, departement or epci, e.g. epci:200040715');
    const withinLevel = match[1] as AdminLevel;
    if (!territory().area(withinLevel, match[2]!)) throw new AtlasRequestError(400, 'within', `no ${withinLevel} with code ${match[2]}`);
    const rank = (l: Level): number => (l === 'h3r5' || l === 'h3r7' ? ADMIN_LEVELS.length : ADMIN_LEVELS.indexOf(l as AdminLevel));
    if (rank(withinLevel) >= rank(level)) throw new AtlasRequestError(400, 'within', `a ${withinLevel} does not contain ${level} areas`);
    return { level: withinLevel, code: match[2]! };
  }

  private published(indicator: IndicatorKey, level: Level, code: string, breakdown = ''): Published {
    return this.publisher.current().get(cellKey(indicator, level, code, breakdown)) ?? EMPTY;
  }

  private h3Commune(cell: string): Commune | null {
    if (!this.h3Names.has(cell)) {
      const [lat, lng] = cellToLatLng(cell);
      this.h3Names.set(cell, territory().locate(lat, lng) ?? null);
    }
    return this.h3Names.get(cell)!;
  }

  private inside(level: Level, code: string, within: { level: AdminLevel; code: string } | null): boolean {
    if (!within) return true;
    const t = territory();
    if (level === 'commune' || level === 'h3r5' || level === 'h3r7') {
      const commune = level === 'commune' ? t.commune(code) : this.h3Commune(code);
      return commune ? t.parentOf(commune, within.level) === within.code : false;
    }
    if (level === 'epci') return within.level === 'region' || (within.level === 'departement' && !!this.epciDepartements.get(code)?.has(within.code));
    return level === 'departement' && within.level === 'region';
  }

  /** The areas of a level: every administrative area, or the H3 cells where something is. */
  private codes(level: Level): { code: string; name: string; geometry: AreaGeometry; centre: [number, number] }[] {
    if (level === 'h3r5' || level === 'h3r7') {
      const cells = new Set<string>();
      for (const key of this.publisher.current().keys()) {
        const [, l, code] = key.split('|');
        if (l === level) cells.add(code!);
      }
      return [...cells].sort().map((code) => {
        // GeoJSON order, [lng, lat], and already closed.
        const ring = cellToBoundary(code, true) as [number, number][];
        const [lat, lng] = cellToLatLng(code);
        return { code, name: `H3 ${code}`, geometry: { type: 'Polygon', coordinates: [ring] }, centre: [lng, lat] };
      });
    }
    return territory()
      .areas(level)
      .map((a) => ({ code: a.code, name: a.name, geometry: a.geometry, centre: a.centre }));
  }

  values(level: Level, indicator: IndicatorKey, within: { level: AdminLevel; code: string } | null): AreaValue[] {
    return this.codes(level)
      .filter((a) => this.inside(level, a.code, within))
      .map((a) => {
        const p = this.published(indicator, level, a.code);
        return { ...a, level, indicator, value: p.value, withheld: p.withheld, withheldReason: p.withheldReason };
      });
  }

  areaName(level: Level, code: string): string {
    if (level === 'h3r5' || level === 'h3r7') {
      if (!isValidCell(code) || getResolution(code) !== (level === 'h3r5' ? 5 : 7)) throw new AtlasRequestError(404, 'code', `${code} is not an H3 cell of resolution ${level.slice(3)}`);
      return `H3 ${code}`;
    }
    const area = territory().area(level, code);
    if (!area) throw new AtlasRequestError(404, 'code', `no ${level} with code ${code}`);
    return area.name;
  }

  async area(level: Level, code: string, privileged: boolean): Promise<object> {
    const name = this.areaName(level, code);
    const visible = this.indicators(privileged);
    const indicators = Object.fromEntries(
      visible.map((d) => {
        const p = this.published(d.key, level, code);
        return [d.key, { value: p.value, withheld: p.withheld, withheldReason: p.withheldReason }];
      }),
    );
    const { sectorMix, tierMix } = this.mixes(level, code);
    const history: Record<string, { day: string; value: number | null; withheld: boolean }[]> = {};
    for (const key of HISTORY_INDICATORS.filter((k) => visible.some((d) => d.key === k))) history[key] = await this.history(level, code, key, 90);
    return { code, name, level, indicators, sectorMix, tierMix, gaps: this.gaps(level, code), history };
  }

  /** Processes asked for by open calls for tenders delivered in the area with no supplier of the lot's EPCI. */
  gaps(level: Level, code: string): Gap[] {
    return this.publisher.gapsOf(level, code);
  }

  /** The area's organisations by NAF section and by supply-chain tier, each part under secrecy. */
  mixes(level: Level, code: string): {
    sectorMix: { nafSection: string; label: string; value: number | null; withheld: boolean }[];
    tierMix: { tier: number; label: string; value: number | null; withheld: boolean }[];
  } {
    const mix = (prefix: string, labels: (part: string) => string) =>
      [...this.publisher.current()]
        .filter(([key]) => key.startsWith(`${cellKey('organisations', level, code)}${prefix}:`))
        .map(([key, p]) => ({ part: key.split(':').pop()!, label: labels(key.split(':').pop()!), value: p.value, withheld: p.withheld }))
        .sort((a, b) => a.part.localeCompare(b.part));
    const sectorMix = mix('naf', (s) => NAF_SECTION_LABELS.get(s) ?? 'Section inconnue').map(({ part, ...rest }) => ({ nafSection: part, ...rest }));
    const tierMix = mix('tier', (t) => (t === '0' ? 'Rang inconnu' : `Rang ${t}`)).map(({ part, ...rest }) => ({ tier: Number(part), ...rest }));
    return { sectorMix, tierMix };
  }

  async history(level: Level, code: string, indicator: IndicatorKey, days: number): Promise<{ day: string; value: number | null; withheld: boolean }[]> {
    const rows = (await this.dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, value, withheld FROM atlas_daily_value
        WHERE level = $1 AND code = $2 AND indicator = $3 AND breakdown = '' AND day > current_date - $4::int
        ORDER BY day`,
      [level, code, indicator, days],
    )) as { day: string; value: number | null; withheld: boolean }[];
    return rows;
  }

  /**
   * Co-delivery trips between EPCIs (origin ≠ destination). A flow run by fewer than 3 carriers is
   * withheld like any cell; counts are on the count step.
   */
  async flows(): Promise<Flow[]> {
    const t = territory();
    const rows = (await this.dataSource.query(
      `SELECT t.commune AS origin, t.destination_commune AS destination, t.organisation_id AS owner,
              count(*)::int AS trips, coalesce(sum(l.loads), 0)::int AS loads
         FROM atlas_trip t
         LEFT JOIN (SELECT trip_id, count(*) AS loads FROM atlas_trip_load GROUP BY trip_id) l ON l.trip_id = t.id
        WHERE t.commune IS NOT NULL AND t.destination_commune IS NOT NULL
        GROUP BY 1, 2, 3`,
    )) as { origin: string; destination: string; owner: string; trips: number; loads: number }[];
    const pairs = new Map<string, { origin: string; destination: string; owners: Map<string, number>; trips: number; loads: number }>();
    for (const r of rows) {
      const o = t.commune(r.origin)?.epci;
      const d = t.commune(r.destination)?.epci;
      if (!o || !d || o === d) continue;
      const pair = pairs.get(`${o}>${d}`) ?? { origin: o, destination: d, owners: new Map(), trips: 0, loads: 0 };
      pair.owners.set(r.owner, (pair.owners.get(r.owner) ?? 0) + r.trips);
      pair.trips += r.trips;
      pair.loads += r.loads;
      pairs.set(`${o}>${d}`, pair);
    }
    const step = this.definitions.find((d) => d.key === 'trips_posted')!.step;
    return [...pairs.values()]
      .sort((a, b) => `${a.origin}>${a.destination}`.localeCompare(`${b.origin}>${b.destination}`))
      .map((p) => {
        const largest = Math.max(...p.owners.values());
        const withheld = p.owners.size < 3 || largest >= 0.85 * p.trips;
        const origin = t.area('epci', p.origin)!;
        const destination = t.area('epci', p.destination)!;
        return {
          origin: p.origin,
          destination: p.destination,
          originName: origin.name,
          destinationName: destination.name,
          originCentre: origin.centre,
          destinationCentre: destination.centre,
          count: withheld ? null : roundToStep(p.trips, step),
          loads: withheld ? null : roundToStep(p.loads, step),
          withheld,
        };
      });
  }
}
