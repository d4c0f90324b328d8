import { cellToParent } from 'h3-js';
import type { Territory } from '@rim/territory';
import { applySecrecy, INSEE_RULES, primaryRule, roundToStep, type AdditiveGroup, type Published, type SecrecyRules } from '../secrecy/secrecy';
import { indicatorDefinitions, type IndicatorKey, type Steps } from './indicators';
import type { Level } from './levels';

/** Where a fact happened: the commune (today's INSEE code) and the H3 r7 cell, either may be unknown. */
export interface Place {
  commune: string | null;
  h3r7: string | null;
}

/** Everything the atlas knows, as read from its tables: the input of {@link computeAtlas}. */
export interface Facts {
  organisations: { id: string; nafSection: string | null; tier: number | null }[];
  sites: (Place & { id: string; organisationId: string; addedAt: Date })[];
  assets: (Place & { id: string; organisationId: string; weeklyOpenHours: number })[];
  capacities: (Place & { organisationId: string; hours: number })[];
  bookings: (Place & { organisationId: string; start: Date; end: Date })[];
  trips: (Place & { organisationId: string })[];
  shipments: (Place & { organisationId: string; co2AvoidedKg: number; kmAvoided: number })[];
}

export interface SecrecySwitches {
  primary: boolean;
  secondary: boolean;
  rounding: boolean;
}

export const SECRECY_ON: SecrecySwitches = { primary: true, secondary: true, rounding: true };

/** `indicator|level|code|breakdown`, breakdown '' for the total, `naf:C` or `tier:2` for a part of it. */
export const cellKey = (indicator: string, level: Level, code: string, breakdown = ''): string =>
  `${indicator}|${level}|${code}|${breakdown}`;

export function parseCellKey(key: string): { indicator: IndicatorKey; level: Level; code: string; breakdown: string } {
  const [indicator, level, code, breakdown] = key.split('|') as [IndicatorKey, Level, string, string];
  return { indicator, level, code, breakdown };
}

const UTILISATION_DAYS = 30;
const HOUR = 3_600_000;

/**
 * Computes every published cell from the facts: sums per organisation and area, then the secrecy
 * rules over the additive groups that the geography and the breakdowns define.
 */
export class AtlasComputation {
  private readonly cells = new Map<string, Map<string, number>>();

  constructor(
    private readonly territory: Territory,
    private readonly steps: Steps,
    private readonly switches: SecrecySwitches = SECRECY_ON,
  ) {}

  /** The codes of every area containing the place, by level. */
  areasOf(place: Place): [Level, string][] {
    const out: [Level, string][] = [];
    const commune = place.commune ? this.territory.commune(place.commune) : undefined;
    if (commune) {
      out.push(['commune', commune.code], ['departement', commune.departement], ['region', commune.region]);
      if (commune.epci) out.push(['epci', commune.epci]);
    }
    if (place.h3r7) out.push(['h3r7', place.h3r7], ['h3r5', cellToParent(place.h3r7, 5)]);
    return out;
  }

  private add(indicator: IndicatorKey, place: Place, organisationId: string, value: number, breakdowns: string[] = []): void {
    for (const [level, code] of this.areasOf(place)) {
      for (const breakdown of ['', ...breakdowns]) {
        const key = cellKey(indicator, level, code, breakdown);
        const cell = this.cells.get(key) ?? new Map<string, number>();
        cell.set(organisationId, (cell.get(organisationId) ?? 0) + value);
        this.cells.set(key, cell);
      }
    }
  }

  compute(facts: Facts, now: Date): Map<string, Published> {
    this.cells.clear();
    const organisations = new Map(facts.organisations.map((o) => [o.id, o]));
    // An organisation is counted once, where its first site is, so the counts add up across areas.
    const firstSite = new Map<string, Facts['sites'][number]>();
    for (const site of [...facts.sites].sort((a, b) => a.addedAt.getTime() - b.addedAt.getTime() || a.id.localeCompare(b.id))) {
      if (!firstSite.has(site.organisationId)) firstSite.set(site.organisationId, site);
      this.add('sites', site, site.organisationId, 1);
    }
    for (const [organisationId, site] of firstSite) {
      const o = organisations.get(organisationId);
      if (!o) continue;
      this.add('organisations', site, organisationId, 1, [`naf:${o.nafSection ?? '?'}`, `tier:${o.tier ?? 0}`]);
    }
    for (const a of facts.assets) this.add('shared_assets', a, a.organisationId, 1);
    for (const c of facts.capacities) this.add('spare_capacity_hours', c, c.organisationId, c.hours);
    for (const b of facts.bookings) this.add('bookings', b, b.organisationId, 1);
    for (const t of facts.trips) this.add('trips_posted', t, t.organisationId, 1);
    for (const s of facts.shipments) {
      this.add('co2_avoided_kg', s, s.organisationId, s.co2AvoidedKg);
      this.add('km_avoided', s, s.organisationId, s.kmAvoided);
    }
    const steps = new Map(indicatorDefinitions(this.steps).map((d) => [d.key, d.step]));
    const rules: SecrecyRules = {
      ...INSEE_RULES,
      primary: this.switches.primary,
      secondary: this.switches.secondary,
      stepOf: (key) => (this.switches.rounding ? steps.get(parseCellKey(key).indicator)! : 0),
    };
    const published = applySecrecy(this.cells, additiveGroups(this.cells.keys(), this.territory), rules);
    for (const [key, value] of this.utilisation(facts, now, rules)) published.set(key, value);
    return published;
  }

  /**
   * Booked hours over open hours in the last 30 days. A ratio does not add up, so there is no
   * secondary suppression; the primary rule applies to the owners' open hours and booked hours.
   */
  private utilisation(facts: Facts, now: Date, rules: SecrecyRules): Map<string, Published> {
    const windowStart = now.getTime() - UTILISATION_DAYS * 24 * HOUR;
    const open = new Map<string, Map<string, number>>();
    const booked = new Map<string, Map<string, number>>();
    const addTo = (target: Map<string, Map<string, number>>, place: Place, organisationId: string, value: number): void => {
      for (const [level, code] of this.areasOf(place)) {
        const key = cellKey('asset_utilisation', level, code);
        const cell = target.get(key) ?? new Map<string, number>();
        cell.set(organisationId, (cell.get(organisationId) ?? 0) + value);
        target.set(key, cell);
      }
    };
    for (const a of facts.assets) addTo(open, a, a.organisationId, (a.weeklyOpenHours * UTILISATION_DAYS) / 7);
    for (const b of facts.bookings) {
      const hours = (Math.min(b.end.getTime(), now.getTime()) - Math.max(b.start.getTime(), windowStart)) / HOUR;
      if (hours > 0) addTo(booked, b, b.organisationId, hours);
    }
    const out = new Map<string, Published>();
    for (const [key, openHours] of open) {
      const o = primaryRule(openHours, rules);
      const b = primaryRule(booked.get(key) ?? new Map(), rules);
      const reason = !rules.primary ? null : (o.reason ?? (b.reason === 'dominance-85' ? b.reason : null));
      const ratio = o.total > 0 ? Math.min(1, b.total / o.total) : 0;
      out.set(key, {
        value: reason ? null : roundToStep(ratio, rules.stepOf(key)),
        withheld: reason !== null,
        withheldReason: reason,
        contributors: o.contributors,
      });
    }
    return out;
  }
}

/**
 * The additive groups among the cells: commune → EPCI, commune → département, département →
 * région, EPCI → région, H3 r7 → r5; and in each area, the total → its NAF sections and its tiers.
 */
export function additiveGroups(keys: Iterable<string>, territory: Territory): AdditiveGroup[] {
  const groups = new Map<string, Set<string>>();
  const link = (parent: string, child: string): void => {
    const set = groups.get(parent) ?? new Set<string>();
    set.add(child);
    groups.set(parent, set);
  };
  for (const key of keys) {
    const { indicator, level, code, breakdown } = parseCellKey(key);
    if (breakdown !== '') link(`${cellKey(indicator, level, code)}#${breakdown.split(':')[0]}`, key);
    if (level === 'commune') {
      const commune = territory.commune(code);
      if (!commune) continue;
      if (commune.epci) link(cellKey(indicator, 'epci', commune.epci, breakdown), key);
      link(cellKey(indicator, 'departement', commune.departement, breakdown), key);
    } else if (level === 'departement' || level === 'epci') {
      link(`${cellKey(indicator, 'region', '84', breakdown)}#${level}`, key);
    } else if (level === 'h3r7') {
      link(cellKey(indicator, 'h3r5', cellToParent(code, 5), breakdown), key);
    }
  }
  // A parent may have several independent partitions (a région by départements and by EPCI, an
  // area by sections and by tiers): the suffix after '#' names the partition, not the parent.
  return [...groups].map(([parent, children]) => ({ parent: parent.split('#')[0]!, children: [...children].sort() }));
}
