/** Weights of the award criteria, in points out of 100. */
export interface CriteriaWeights {
  price: number;
  leadTime: number;
  quality: number;
  co2: number;
}

/** What one bid offers on one lot, once opened. */
export interface LotOffer {
  bidId: string;
  priceEur: number;
  leadTimeDays: number;
  co2Kg: number;
  /** The buyer's mark of the quality statement, 0-100; null until marked (counts 0). */
  qualityMark: number | null;
}

export interface LotScore {
  bidId: string;
  score: number;
  /** The rule applied, with this bid's numbers: shown next to every score. */
  rule: string;
  rank: number;
  abnormallyLow: boolean;
  abnormallyLowReason: string | null;
}

/**
 * An offer is flagged as abnormally low below this share of the mean of the other offers on the
 * lot. Flagged offers are never rejected: the buyer must ask for a justification (Code de la
 * commande publique, L2152-5 and R2152-3).
 */
export const ABNORMALLY_LOW_RATIO = 0.8;

export const SCORING_RULE =
  'lower-is-better criteria (price, lead time, CO2): weight x best offer / this offer (full weight when this offer is 0); ' +
  'quality: weight x buyer mark / 100 (0 until marked); score = sum, out of 100';

const round2 = (n: number) => Math.round(n * 100) / 100;

function lowerIsBetter(weight: number, best: number, value: number): number {
  if (weight === 0) return 0;
  if (value <= 0) return weight;
  return (weight * best) / value;
}

/** Scores every offer on one lot with the tender's weights and ranks them (1 = best). */
export function scoreLot(weights: CriteriaWeights, offers: LotOffer[]): LotScore[] {
  const best = {
    price: Math.min(...offers.map((o) => o.priceEur)),
    lead: Math.min(...offers.map((o) => o.leadTimeDays)),
    co2: Math.min(...offers.map((o) => o.co2Kg)),
  };
  const scored = offers.map((o) => {
    const p = lowerIsBetter(weights.price, best.price, o.priceEur);
    const l = lowerIsBetter(weights.leadTime, best.lead, o.leadTimeDays);
    const c = lowerIsBetter(weights.co2, best.co2, o.co2Kg);
    const q = (weights.quality * (o.qualityMark ?? 0)) / 100;
    const score = round2(p + l + c + q);
    const rule =
      `price ${weights.price} x ${best.price} / ${o.priceEur} = ${round2(p)}; ` +
      `lead time ${weights.leadTime} x ${best.lead} / ${o.leadTimeDays} = ${round2(l)}; ` +
      `CO2 ${weights.co2} x ${best.co2} / ${o.co2Kg} = ${round2(c)}; ` +
      `quality ${weights.quality} x ${o.qualityMark ?? 0} / 100 = ${round2(q)}${o.qualityMark === null ? ' (not marked yet)' : ''}; ` +
      `total ${score} / 100`;
    const others = offers.filter((x) => x.bidId !== o.bidId);
    const mean = others.length ? others.reduce((s, x) => s + x.priceEur, 0) / others.length : null;
    const abnormallyLow = mean !== null && o.priceEur < ABNORMALLY_LOW_RATIO * mean;
    return {
      bidId: o.bidId,
      score,
      rule,
      abnormallyLow,
      abnormallyLowReason: abnormallyLow
        ? `price ${o.priceEur} EUR is below ${ABNORMALLY_LOW_RATIO * 100} % of the mean of the other offers (${round2(mean as number)} EUR): ask the bidder to justify it`
        : null,
    };
  });
  const order = [...scored].sort((a, b) => b.score - a.score);
  return scored.map((s) => ({ ...s, rank: order.findIndex((o) => o.score === s.score) + 1 }));
}
