/** What the read model knows of one candidate organisation for one lot. */
export interface Candidate {
  organisationId: string;
  name: string | null;
  declared: string[];
  /** Nearest site to the delivery point, km; null when either place is unknown. */
  distanceKm: number | null;
  capacities: Array<{ processCode: string; quantity: number; unit: string; windowStart: Date; windowEnd: Date }>;
  assets: Array<{ name: string; processCode: string; freeHours: number }>;
}

export interface Suggestion {
  organisationId: string;
  name: string | null;
  processesCovered: string[];
  distanceKm: number | null;
  reasons: string[];
}

export { haversineKm } from '@rim/geo';

/**
 * Keeps the candidates that declare one of the lot's processes and lie within the radius (when the
 * distance is known), each with the reasons it was chosen, best first: more of the lot's processes,
 * then spare capacity or free machine time in the window, then nearer.
 */
export function rankPartners(requiredProcesses: string[], candidates: Candidate[], radiusKm: number): Suggestion[] {
  const out = candidates.flatMap((c) => {
    const covered = requiredProcesses.filter((p) => c.declared.includes(p));
    if (!covered.length) return [];
    if (c.distanceKm !== null && c.distanceKm > radiusKm) return [];
    const reasons = [`declares ${covered.map((p) => `"${p}"`).join(', ')} in the directory`];
    if (c.distanceKm !== null) reasons.push(`a site ${Math.round(c.distanceKm)} km from the delivery point`);
    for (const k of c.capacities.filter((x) => requiredProcesses.includes(x.processCode))) {
      reasons.push(`declares ${k.quantity} ${k.unit} of spare "${k.processCode}" capacity from ${k.windowStart.toISOString().slice(0, 10)} to ${k.windowEnd.toISOString().slice(0, 10)}`);
    }
    for (const a of c.assets.filter((x) => requiredProcesses.includes(x.processCode) && x.freeHours > 0)) {
      reasons.push(`machine "${a.name}" (${a.processCode}) has ${Math.round(a.freeHours)} h not booked before the delivery date`);
    }
    const availability = reasons.length - 1 - (c.distanceKm !== null ? 1 : 0);
    return [{ suggestion: { organisationId: c.organisationId, name: c.name, processesCovered: covered, distanceKm: c.distanceKm === null ? null : Math.round(c.distanceKm * 10) / 10, reasons }, covered: covered.length, availability }];
  });
  out.sort((a, b) => b.covered - a.covered || Number(b.availability > 0) - Number(a.availability > 0) || (a.suggestion.distanceKm ?? 1e9) - (b.suggestion.distanceKm ?? 1e9));
  return out.map((o) => o.suggestion);
}
