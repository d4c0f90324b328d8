export type ConsortiumForm = 'CONJOINT' | 'SOLIDAIRE';

export interface GuaranteeTerms {
  /** Retention on each payment, percent of the contract value (at most 5). */
  retentionPercent: number | null;
  /** First-demand guarantee asked for each lot, EUR. */
  firstDemandEur: number | null;
}

export interface GuaranteeCarrier {
  organisationId: string;
  /** Share of the lot's guarantee this organisation carries. */
  sharePercent: number;
  firstDemandAmountEur: number | null;
  reason: string;
}

/**
 * Who carries a lot's performance guarantee, and for how much, by the consortium's form:
 * solidaire, the mandataire for the whole; conjoint, each member for its share of the value,
 * unless the mandataire is jointly liable, in which case it carries the whole (CCP R2142-21/24).
 */
export function guaranteeCarriers(
  form: ConsortiumForm,
  leadJointlyLiable: boolean,
  leadOrganisationId: string,
  shares: Array<{ organisationId: string; sharePercent: number }>,
  terms: GuaranteeTerms,
): GuaranteeCarrier[] {
  const amount = (pct: number) => (terms.firstDemandEur === null ? null : Math.round(terms.firstDemandEur * pct) / 100);
  if (form === 'SOLIDAIRE' || leadJointlyLiable) {
    return [
      {
        organisationId: leadOrganisationId,
        sharePercent: 100,
        firstDemandAmountEur: amount(100),
        reason: form === 'SOLIDAIRE' ? 'solidaire: the mandataire carries the whole guarantee' : 'conjoint with a jointly liable mandataire: the mandataire carries the whole guarantee',
      },
    ];
  }
  return shares.map((s) => ({
    organisationId: s.organisationId,
    sharePercent: s.sharePercent,
    firstDemandAmountEur: amount(s.sharePercent),
    reason: `conjoint: each member carries its own share (${s.sharePercent} %)`,
  }));
}
