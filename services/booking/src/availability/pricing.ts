/** How an asset is paid for. */
export enum PriceModel {
  HOURLY = 'HOURLY',
  SUBSCRIPTION = 'SUBSCRIPTION',
  LEASE = 'LEASE',
}

export interface QuotaDecision {
  ok: boolean;
  usedHours: number;
  remainingHours: number;
  reason?: string;
}

/**
 * Whether a subscription's monthly hour quota covers `requestedHours` more, given the hours
 * already booked (requested or confirmed) this month.
 */
export function checkQuota(planName: string, quotaHours: number, usedHours: number, requestedHours: number): QuotaDecision {
  const remainingHours = Math.max(0, quotaHours - usedHours);
  if (requestedHours <= remainingHours + 1e-9) {
    return { ok: true, usedHours, remainingHours: remainingHours - requestedHours };
  }
  return {
    ok: false,
    usedHours,
    remainingHours,
    reason: `beyond plan quota: plan "${planName}" includes ${quotaHours} h a month, ${round(usedHours)} h already booked, ${round(remainingHours)} h left, ${round(requestedHours)} h requested`,
  };
}

/**
 * Price of one booking in cents: hourly assets bill the hours (rounded to the cent); hours under a
 * subscription or a lease are already paid for.
 */
export function bookingPriceCents(model: PriceModel, hours: number, hourlyRateCents: number | null): number {
  if (model === PriceModel.HOURLY) return Math.round(hours * (hourlyRateCents ?? 0));
  return 0;
}

function round(hours: number): number {
  return Math.round(hours * 100) / 100;
}
