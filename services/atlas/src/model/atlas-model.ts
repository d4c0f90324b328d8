import { cellToParent, latLngToCell } from 'h3-js';
import type { Territory } from '@rim/territory';
import { applySecrecy, INSEE_RULES, primaryRule, roundToStep, type AdditiveGroup, type Published, type SecrecyRules } from '../secrecy/secrecy';
import { indicatorDefinitions, type IndicatorKey, type Steps } from './indicators';
import type { Level } from './levels';
import { processLabel } from './process-labels';

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
  shipments: (Place & { organisationId: string; co2AvoidedKg: number; kmAvoided: number; pallets: number; crates: number })[];
  /** The processes each site declares, at the site's place. */
  processes: (Place & { organisationId: string; processCode: string })[];
  /** Lots of calls for tenders, with the delivery commune; `open` while the call is. */
  lots: { id: string; tenderId: string; open: boolean; commune: string | null; processes: string[] }[];
  consortia: { id: string; tenderId: string; members: string[] }[];
  consortiumShares: { consortiumId: string; lotId: string; organisationId: string; sharePercent: number }[];
  /** Awarded lots: the value (the signed contract's once known) and the organisations performing it. */
  awards: { lotId: string; tenderId: string; members: string[]; valueEur: number }[];
}

/**
 * A process asked for by open lots delivered in an area, with no organisation declaring it in
 * the lot's EPCI ("connaître son environnement"). `departementSupplier`: every such lot has one
 * in its département at least.
 */
export interface Gap {
  processCode: string;
  label: string;
  lots: number;
  tenders: number;
  departementSupplier: boolean;
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
  /** Counts of public facts (calls for tenders, gaps): served exact, no secrecy. */
  private readonly publicCells = new Map<string, Map<string, number>>();
  /** `level|code` → the gaps of that area, by process; filled by {@link compute}. */
  readonly gaps = new Map<string, Gap[]>();

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

  /** Counts `item` once in every area of the place (a call with two lots in one commune is one call there). */
  private countOnce(indicator: IndicatorKey, place: Place, item: string): void {
    for (const [level, code] of this.areasOf(place)) {
      const key = cellKey(indicator, level, code);
      const cell = this.publicCells.get(key) ?? new Map<string, number>();
      cell.set(item, 1);
      this.publicCells.set(key, cell);
    }
  }

  /** A delivery commune as a place: the commune and the H3 cell of its centre. */
  private communePlace(code: string | null): Place | null {
    const commune = code ? this.territory.commune(code) : undefined;
    if (!commune) return null;
    return { commune: commune.code, h3r7: latLngToCell(commune.centre[1], commune.centre[0], 7) };
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
      if (s.pallets + s.crates > 0) this.add('pallets_crates_pooled', s, s.organisationId, s.pallets + s.crates);
    }
    this.tendering(facts, firstSite);
    const steps = new Map(indicatorDefinitions(this.steps).map((d) => [d.key, d.step]));
    const rules: SecrecyRules = {
      ...INSEE_RULES,
      primary: this.switches.primary,
      secondary: this.switches.secondary,
      stepOf: (key) => (this.switches.rounding ? steps.get(parseCellKey(key).indicator)! : 0),
    };
    const published = applySecrecy(this.cells, additiveGroups(this.cells.keys(), this.territory), rules);
    for (const [key, value] of this.utilisation(facts, now, rules)) published.set(key, value);
    const exact: SecrecyRules = { ...rules, primary: false, secondary: false, stepOf: () => 0 };
    for (const [key, value] of applySecrecy(this.publicCells, [], exact)) published.set(key, value);
    return published;
  }

  /**
   * Open calls for tenders at their lots' delivery communes; gaps; consortia and awarded value at
   * the members' places (an organisation's first site, as for the organisation count).
   */
  private tendering(facts: Facts, firstSite: ReadonlyMap<string, Place>): void {
    // Who declares what, by EPCI and by département.
    const declared = new Set<string>();
    for (const p of facts.processes) {
      const commune = p.commune ? this.territory.commune(p.commune) : undefined;
      if (!commune) continue;
      if (commune.epci) declared.add(`epci|${commune.epci}|${p.processCode}`);
      declared.add(`departement|${commune.departement}|${p.processCode}`);
    }
    const gaps = new Map<string, Map<string, { lots: Set<string>; tenders: Set<string>; departementSupplier: boolean }>>();
    for (const lot of facts.lots) {
      if (!lot.open) continue;
      const place = this.communePlace(lot.commune);
      if (!place) continue;
      this.countOnce('open_tenders', place, lot.tenderId);
      const commune = this.territory.commune(place.commune!)!;
      for (const process of lot.processes) {
        // A commune outside any EPCI (none in the région today) is judged on its département.
        const local = commune.epci ? declared.has(`epci|${commune.epci}|${process}`) : declared.has(`departement|${commune.departement}|${process}`);
        if (local) continue;
        this.countOnce('tender_gaps', place, process);
        const departementSupplier = declared.has(`departement|${commune.departement}|${process}`);
        for (const [level, code] of this.areasOf(place)) {
          const area = gaps.get(`${level}|${code}`) ?? new Map();
          const gap = area.get(process) ?? { lots: new Set<string>(), tenders: new Set<string>(), departementSupplier: true };
          gap.lots.add(lot.id);
          gap.tenders.add(lot.tenderId);
          gap.departementSupplier &&= departementSupplier;
          area.set(process, gap);
          gaps.set(`${level}|${code}`, area);
        }
      }
    }
    for (const [area, byProcess] of gaps) {
      this.gaps.set(
        area,
        [...byProcess]
          .map(([processCode, g]) => ({ processCode, label: processLabel(processCode), lots: g.lots.size, tenders: g.tenders.size, departementSupplier: g.departementSupplier }))
          .sort((a, b) => b.lots - a.lots || a.processCode.localeCompare(b.processCode)),
      );
    }
    // A consortium counts 1, split evenly over its members, so areas add up like every other count.
    for (const c of facts.consortia) {
      for (const member of c.members) {
        const site = firstSite.get(member);
        if (site) this.add('consortia_formed', site, member, 1 / c.members.length);
      }
    }
    const consortia = facts.consortia.map((c) => ({ ...c, key: [...c.members].sort().join(',') }));
    const shares = new Map(facts.consortiumShares.map((s) => [`${s.consortiumId}|${s.lotId}|${s.organisationId}`, s.sharePercent]));
    for (const award of facts.awards) {
      if (award.members.length === 0 || award.valueEur <= 0) continue;
      // A consortium's value is split by the members' shares of that lot when the consortium told
      // them (ConsortiumFormed), else evenly.
      const key = [...award.members].sort().join(',');
      const consortium = consortia.find((c) => c.tenderId === award.tenderId && c.key === key);
      const weights = award.members.map((m) => (consortium ? (shares.get(`${consortium.id}|${award.lotId}|${m}`) ?? 0) : 0));
      const total = weights.reduce((a, b) => a + b, 0);
      award.members.forEach((member, i) => {
        const site = firstSite.get(member);
        const part = total > 0 ? weights[i]! / total : 1 / award.members.length;
        if (site && part > 0) this.add('awarded_value_local_eur', site, member, award.valueEur * part);
      });
    }
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
