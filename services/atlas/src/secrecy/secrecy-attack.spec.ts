import { latLngToCell } from 'h3-js';
import { territory, type Commune } from '@rim/territory';
import { AtlasComputation, additiveGroups, parseCellKey, SECRECY_ON, type Facts, type SecrecySwitches } from '../model/atlas-model';
import { DEFAULT_STEPS, indicatorDefinitions } from '../model/indicators';
import { applySecrecy, INSEE_RULES, type Published } from './secrecy';

/**
 * Attacks the published atlas the way a curious reader would, with everything public: the
 * geography (which cells add up to which), every published value (a rounded value v with step s
 * means the truth lies in [v - s/2, v + s/2]), the fact that values are never negative, and two
 * consecutive snapshots around one newcomer whose commune the reader knows (the directory is
 * public). It propagates interval bounds through every equation (parent = sum of children; after =
 * before + newcomer) to a fixed point, and reports every withheld value, and the newcomer's secret
 * value, that it pins down more tightly than one publication step.
 */
type Interval = [number, number];
interface Equation {
  plus: string[];
  minus: string[];
}

function attack(
  snapshots: Map<string, Published>[],
  stepOf: (key: string) => number,
  newcomer: { cells: Set<string>; knownValue: (key: string) => number | null },
): Map<string, Interval> {
  const bounds = new Map<string, Interval>();
  const equations: Equation[] = [];
  const t = territory();
  snapshots.forEach((published, s) => {
    for (const [key, p] of published) {
      const step = stepOf(key);
      const half = step / 2;
      bounds.set(`${s}:${key}`, p.withheld ? [0, Infinity] : [Math.max(0, p.value! - half - (p.value === step ? half : 0)), p.value! + half]);
    }
    for (const g of additiveGroups(published.keys(), t)) {
      if (g.children.every((c) => published.has(c)) && published.has(g.parent)) {
        equations.push({ plus: [`${s}:${g.parent}`], minus: g.children.map((c) => `${s}:${c}`) });
      }
    }
  });
  if (snapshots.length === 2) {
    for (const key of snapshots[1]!.keys()) {
      if (!snapshots[0]!.has(key)) continue;
      if (!newcomer.cells.has(key)) {
        equations.push({ plus: [`1:${key}`], minus: [`0:${key}`] });
        continue;
      }
      const known = newcomer.knownValue(key);
      const delta = `newcomer:${parseCellKey(key).indicator}`;
      if (known !== null) bounds.set(delta, [known, known]);
      else if (!bounds.has(delta)) bounds.set(delta, [0, Infinity]);
      equations.push({ plus: [`1:${key}`], minus: [`0:${key}`, delta] });
    }
  }
  const sum = (vars: string[], skip: string): Interval =>
    vars.filter((v) => v !== skip).reduce<Interval>((acc, v) => [acc[0] + bounds.get(v)![0], acc[1] + bounds.get(v)![1]], [0, 0]);
  for (let round = 0, changed = true; changed && round < 500; round++) {
    changed = false;
    for (const e of equations) {
      for (const [side, other] of [
        [e.plus, e.minus],
        [e.minus, e.plus],
      ] as const) {
        for (const v of side) {
          // v = sum(other) - sum(side without v)
          const o = sum(other, '');
          const rest = sum(side, v);
          const derived: Interval = [o[0] - rest[1], o[1] - rest[0]];
          const current = bounds.get(v)!;
          const next: Interval = [Math.max(current[0], derived[0]), Math.min(current[1], derived[1])];
          if (next[0] > current[0] + 1e-9 || next[1] < current[1] - 1e-9) {
            bounds.set(v, next);
            changed = true;
          }
        }
      }
    }
  }
  return bounds;
}

/** Withheld values (and the newcomer's secret ones) known to better than one step. */
function recovered(
  snapshots: Map<string, Published>[],
  bounds: Map<string, Interval>,
  stepOf: (key: string) => number,
  newcomerSecrets: string[],
): string[] {
  const found: string[] = [];
  snapshots.forEach((published, s) => {
    for (const [key, p] of published) {
      if (!p.withheld || p.contributors === 0) continue;
      const [lo, hi] = bounds.get(`${s}:${key}`)!;
      if (hi - lo < Math.max(stepOf(key), 1)) found.push(`snapshot ${s} ${key} in [${lo}, ${hi}]`);
    }
  });
  for (const indicator of newcomerSecrets) {
    const b = bounds.get(`newcomer:${indicator}`);
    const step = indicatorDefinitions(DEFAULT_STEPS).find((d) => d.key === indicator)!.step;
    if (b && b[1] - b[0] < step) found.push(`newcomer's ${indicator} in [${b[0]}, ${b[1]}]`);
  }
  return found;
}

const t = territory();
const metro = t.communes().filter((c) => c.epci === '200040715').slice(0, 6);
const place = (c: Commune) => ({ commune: c.code, h3r7: latLngToCell(c.centre[1], c.centre[0], 7) });
const day = new Date('2026-12-01T00:00:00Z');

/** A small territory: organisations in six communes of one EPCI, a few in a second EPCI. */
function territoryFacts(): Facts {
  const facts: Facts = { organisations: [], sites: [], assets: [], capacities: [], bookings: [], trips: [], shipments: [], processes: [], lots: [], consortia: [], consortiumShares: [], awards: [] };
  // Commune 0 has two organisations (withheld); commune 1 one big contributor (dominance).
  const perCommune = [2, 4, 5, 3, 6, 4];
  let n = 0;
  metro.forEach((commune, i) => {
    for (let k = 0; k < perCommune[i]!; k++) {
      const id = `org-${++n}`;
      facts.organisations.push({ id, nafSection: k % 2 ? 'C' : 'M', tier: 1 + (k % 2) });
      facts.sites.push({ id: `site-${n}`, organisationId: id, addedAt: day, ...place(commune) });
      facts.capacities.push({ organisationId: id, hours: i === 1 && k === 0 ? 2000 : 20 + 7 * k + i, ...place(commune) });
      // Lots won, alone: commune 3 has one supplier with nearly all the value (dominance).
      facts.awards.push({ lotId: `lot-${n}`, tenderId: `tender-${n}`, members: [id], valueEur: i === 3 && k === 0 ? 900_000 : 11_000 + 3_700 * k + 1_300 * i });
    }
  });
  return facts;
}

const steps = new Map(indicatorDefinitions(DEFAULT_STEPS).map((d) => [d.key, d.step]));
const stepWith = (switches: SecrecySwitches) => (key: string) => (switches.rounding ? steps.get(parseCellKey(key).indicator)! : 0);
const compute = (facts: Facts, switches: SecrecySwitches) => new AtlasComputation(t, DEFAULT_STEPS, switches).compute(facts, day);

describe('statistical secrecy under attack', () => {
  it('withholds the small and the dominated cells, and a complement beside each', () => {
    const published = compute(territoryFacts(), SECRECY_ON);
    const organisations = published.get(`organisations|commune|${metro[0]!.code}|`)!;
    expect(organisations).toMatchObject({ withheld: true, withheldReason: 'fewer-than-3', value: null });
    expect(published.get(`spare_capacity_hours|commune|${metro[1]!.code}|`)).toMatchObject({ withheld: true, withheldReason: 'dominance-85' });
    expect(published.get(`awarded_value_local_eur|commune|${metro[3]!.code}|`)).toMatchObject({ withheld: true, withheldReason: 'dominance-85' });
    expect(published.get(`awarded_value_local_eur|commune|${metro[0]!.code}|`)).toMatchObject({ withheld: true, withheldReason: 'fewer-than-3' });
    const communes = [...published].filter(([k, p]) => k.startsWith('organisations|commune|') && k.endsWith('|') && p.withheldReason === 'secondary');
    expect(communes.length).toBeGreaterThan(0);
    // Published values are on the step.
    for (const [key, p] of published) if (!p.withheld) expect(Math.abs(p.value! / stepWith(SECRECY_ON)(key) - Math.round(p.value! / stepWith(SECRECY_ON)(key)))).toBeLessThan(1e-9);
  });

  it('differencing a total against its children recovers nothing that is withheld', () => {
    const published = compute(territoryFacts(), SECRECY_ON);
    expect([...published.values()].filter((p) => p.withheld).length).toBeGreaterThan(5);
    const stepOf = stepWith(SECRECY_ON);
    const bounds = attack([published], stepOf, { cells: new Set(), knownValue: () => null });
    expect(recovered([published], bounds, stepOf, [])).toEqual([]);
  });

  it('negative control: with secondary suppression off, the same attack recovers withheld cells exactly', () => {
    const switches = { primary: true, secondary: false, rounding: false };
    const published = compute(territoryFacts(), switches);
    const stepOf = stepWith(switches);
    const found = recovered([published], attack([published], stepOf, { cells: new Set(), knownValue: () => null }), stepOf, []);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).toContain(`organisations|commune|${metro[0]!.code}|`);
  });

  const withNewcomer = (): { before: Facts; after: Facts; cells: Set<string> } => {
    const before = territoryFacts();
    const after = territoryFacts();
    const commune = metro[0]!;
    after.organisations.push({ id: 'newcomer', nafSection: 'C', tier: 2 });
    after.sites.push({ id: 'site-newcomer', organisationId: 'newcomer', addedAt: day, ...place(commune) });
    after.capacities.push({ organisationId: 'newcomer', hours: 37, ...place(commune) });
    after.awards.push({ lotId: 'lot-newcomer', tenderId: 'tender-newcomer', members: ['newcomer'], valueEur: 12_345 });
    const c = new AtlasComputation(t, DEFAULT_STEPS);
    const cells = new Set<string>();
    for (const [level, code] of c.areasOf(place(commune))) {
      for (const indicator of ['organisations', 'sites', 'spare_capacity_hours', 'awarded_value_local_eur']) cells.add(`${indicator}|${level}|${code}|`);
      cells.add(`organisations|${level}|${code}|naf:C`);
      cells.add(`organisations|${level}|${code}|tier:2`);
    }
    return { before, after, cells };
  };
  // The reader knows the newcomer is one organisation with one site; its declared hours and the
  // value it was awarded are secret.
  const SECRETS = ['spare_capacity_hours', 'awarded_value_local_eur'];
  const knownValue = (key: string) => (SECRETS.includes(parseCellKey(key).indicator) ? null : 1);

  it('two consecutive snapshots around one newcomer reveal neither its declared capacity nor any withheld cell', () => {
    const { before, after, cells } = withNewcomer();
    const snapshots = [compute(before, SECRECY_ON), compute(after, SECRECY_ON)];
    // The newcomer's commune crosses the threshold: withheld before, published after.
    expect(snapshots[0]!.get(`organisations|commune|${metro[0]!.code}|`)!.withheld).toBe(true);
    expect(snapshots[1]!.get(`organisations|commune|${metro[0]!.code}|`)!.withheld).toBe(false);
    const stepOf = stepWith(SECRECY_ON);
    const bounds = attack(snapshots, stepOf, { cells, knownValue });
    expect(recovered(snapshots, bounds, stepOf, SECRETS)).toEqual([]);
  });

  it('negative control: with secrecy off, the snapshots give the newcomer away', () => {
    const off = { primary: false, secondary: false, rounding: false };
    const { before, after, cells } = withNewcomer();
    const snapshots = [compute(before, off), compute(after, off)];
    const stepOf = stepWith(off);
    const bounds = attack(snapshots, stepOf, { cells, knownValue });
    expect(bounds.get('newcomer:spare_capacity_hours')).toEqual([37, 37]);
    expect(bounds.get('newcomer:awarded_value_local_eur')).toEqual([12_345, 12_345]);
    expect(recovered(snapshots, bounds, stepOf, SECRETS)).toContain("newcomer's awarded_value_local_eur in [12345, 12345]");
  });

  it('negative control: rounding off but suppression on, the snapshot difference reads the newcomer exactly', () => {
    const switches = { primary: true, secondary: true, rounding: false };
    const { before, after, cells } = withNewcomer();
    const snapshots = [compute(before, switches), compute(after, switches)];
    const bounds = attack(snapshots, stepWith(switches), { cells, knownValue });
    expect(bounds.get('newcomer:spare_capacity_hours')).toEqual([37, 37]);
    expect(bounds.get('newcomer:awarded_value_local_eur')).toEqual([12_345, 12_345]);
  });
});

describe('applySecrecy', () => {
  const rules = { ...INSEE_RULES, stepOf: () => 1 };
  const cells = (entries: Record<string, Record<string, number>>) =>
    new Map(Object.entries(entries).map(([k, v]) => [k, new Map(Object.entries(v))]));

  it('withholds the parent when the withheld child has no non-zero sibling to hide behind', () => {
    const published = applySecrecy(cells({ P: { a: 1, b: 1 }, A: { a: 1, b: 1 }, B: {} }), [{ parent: 'P', children: ['A', 'B'] }], rules);
    expect(published.get('A')!.withheldReason).toBe('fewer-than-3');
    expect(published.get('P')!.withheldReason).toBe('fewer-than-3');
    const big = applySecrecy(
      cells({ P: { a: 1, b: 1, c: 1, d: 1 }, A: { a: 1, b: 1 }, B: {}, C: { c: 1, d: 1 } }),
      [{ parent: 'P', children: ['A', 'B', 'C'] }],
      rules,
    );
    expect(big.get('P')!.withheld).toBe(false);
    expect(big.get('C')!.withheldReason).toBe('fewer-than-3');
  });

  it('publishes an empty cell as 0, which discloses nobody', () => {
    const published = applySecrecy(cells({ A: {} }), [], rules);
    expect(published.get('A')).toMatchObject({ value: 0, withheld: false });
  });
});
