/**
 * Statistical secrecy for business statistics, as Insee applies it (docs/decisions/0120-atlas.md):
 *
 * - primary: a cell covering fewer than 3 organisations, or in which one organisation contributes
 *   85 % or more of the value, is withheld;
 * - secondary: in every additive group (a parent and the children that sum to it), a withheld child
 *   is never alone, else parent minus siblings gives it back; the complement is the smallest
 *   non-zero published sibling, and if there is none the parent itself is withheld;
 * - rounding: published values are rounded to a coarse step, so two snapshots around one newcomer
 *   only show a difference in whole steps.
 *
 * Pure: the read model hands in the contributions per organisation, this returns what may be shown.
 */

export type WithheldReason = 'fewer-than-3' | 'dominance-85' | 'secondary';

export interface Published {
  /** Rounded to the step; null when withheld. */
  value: number | null;
  withheld: boolean;
  withheldReason: WithheldReason | null;
  /** Organisations that contribute a non-zero value; internal, never served. */
  contributors: number;
}

/** organisation id → its contribution to the cell. Organisation ids stay inside the atlas. */
export type Contributions = ReadonlyMap<string, number>;

/** A parent cell and the cells that add up to it exactly. */
export interface AdditiveGroup {
  parent: string;
  children: readonly string[];
}

export interface SecrecyRules {
  minContributors: number;
  dominanceShare: number;
  /** The rounding step of each cell (by key); 1 with integers is no rounding. */
  stepOf(key: string): number;
  primary: boolean;
  secondary: boolean;
}

export const INSEE_RULES = { minContributors: 3, dominanceShare: 0.85, primary: true, secondary: true } as const;

/** Rounds to the nearest multiple of the step; a non-zero value never rounds to zero (that would say "nobody"). */
export function roundToStep(value: number, step: number): number {
  if (step <= 0) return value;
  const rounded = Math.round(value / step) * step;
  const tidy = Number(rounded.toFixed(6));
  if (tidy === 0 && value !== 0) return Math.sign(value) * step;
  return tidy;
}

export function primaryRule(contributions: Contributions, rules: Pick<SecrecyRules, 'minContributors' | 'dominanceShare'>): {
  total: number;
  contributors: number;
  reason: WithheldReason | null;
} {
  let total = 0;
  let largest = 0;
  let contributors = 0;
  for (const value of contributions.values()) {
    if (value === 0) continue;
    contributors += 1;
    total += value;
    largest = Math.max(largest, Math.abs(value));
  }
  if (contributors === 0) return { total: 0, contributors, reason: null };
  if (contributors < rules.minContributors) return { total, contributors, reason: 'fewer-than-3' };
  if (Math.abs(total) > 0 && largest >= rules.dominanceShare * Math.abs(total)) return { total, contributors, reason: 'dominance-85' };
  return { total, contributors, reason: null };
}

/**
 * Decides every cell. `cells` holds each cell's contributions; a key absent from `cells` but named
 * in a group is an empty cell (published as 0).
 */
export function applySecrecy(
  cells: ReadonlyMap<string, Contributions>,
  groups: readonly AdditiveGroup[],
  rules: SecrecyRules,
): Map<string, Published> {
  const totals = new Map<string, number>();
  const decided = new Map<string, { contributors: number; reason: WithheldReason | null }>();
  const empty: Contributions = new Map();
  const decide = (key: string): void => {
    if (decided.has(key)) return;
    const result = primaryRule(cells.get(key) ?? empty, rules);
    totals.set(key, result.total);
    decided.set(key, { contributors: result.contributors, reason: rules.primary ? result.reason : null });
  };
  for (const key of cells.keys()) decide(key);
  for (const g of groups) {
    decide(g.parent);
    g.children.forEach(decide);
  }
  if (rules.secondary) {
    // To a fixed point: withholding a complement or a parent can leave another group with one
    // withheld child, so groups are scanned again until none changes.
    let changed = true;
    while (changed) {
      changed = false;
      for (const g of groups) {
        if (decided.get(g.parent)!.reason) continue;
        const withheld = g.children.filter((c) => decided.get(c)!.reason);
        if (withheld.length !== 1) continue;
        const complement = g.children
          .filter((c) => !decided.get(c)!.reason && decided.get(c)!.contributors > 0)
          .sort((a, b) => Math.abs(totals.get(a)!) - Math.abs(totals.get(b)!) || a.localeCompare(b))[0];
        decided.get(complement ?? g.parent)!.reason = 'secondary';
        changed = true;
      }
    }
  }
  const out = new Map<string, Published>();
  for (const [key, d] of decided) {
    out.set(key, {
      value: d.reason ? null : roundToStep(totals.get(key)!, rules.stepOf(key)),
      withheld: d.reason !== null,
      withheldReason: d.reason,
      contributors: d.contributors,
    });
  }
  return out;
}
