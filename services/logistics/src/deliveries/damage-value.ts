import type { LoadQuantities } from '../carbon/carbon';

export type DamageProblem = { unit: keyof LoadQuantities; reason: string };

/**
 * Damage valued on the declared value of the goods, never on their weight (DOMAIN §4, l.3485: a
 * crate of saffron and a crate of potatoes weigh the same). The damaged share is the largest share
 * among the units shipped (1 of 4 pallets = 25 %), times the declared value, rounded to the cent.
 *
 * @example
 * damageValue({ pallets: 4, crates: 0, kg: 1000 }, 2400, { pallets: 1, crates: 0, kg: 0 }) // 600
 */
export function damageValue(shipped: LoadQuantities, declaredValueEur: number, damaged: LoadQuantities): number {
  const shares = (['pallets', 'crates', 'kg'] as const).filter((u) => shipped[u] > 0).map((u) => damaged[u] / shipped[u]);
  const share = Math.min(1, Math.max(0, ...shares));
  return Math.round(declaredValueEur * share * 100) / 100;
}

/** Damaged quantities that cannot be: more than shipped, or in a unit not shipped at all. */
export function damageProblems(shipped: LoadQuantities, damaged: LoadQuantities): DamageProblem[] {
  const out: DamageProblem[] = [];
  for (const unit of ['pallets', 'crates', 'kg'] as const) {
    if (damaged[unit] > shipped[unit]) out.push({ unit, reason: `${damaged[unit]} damaged but only ${shipped[unit]} shipped` });
  }
  return out;
}
