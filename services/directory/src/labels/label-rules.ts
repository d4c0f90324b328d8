/**
 * Origin labels and the rule each one carries (seed 003 l.3420-3447). The rule is checked when a
 * label is declared; the figures declared are kept as the proof behind it.
 */
export enum LabelCode {
  ORIGINE_FRANCE_GARANTIE = 'origine-france-garantie',
  FRANCE_TERRE_TEXTILE = 'france-terre-textile',
  ENTREPRISE_PATRIMOINE_VIVANT = 'entreprise-patrimoine-vivant',
}

export interface LabelDeclaration {
  label: LabelCode;
  /** Share of the product's unit cost acquired in France, in percent (Origine France Garantie). */
  frenchCostSharePercent?: number | null;
  /** Share of the manufacturing steps done in France, in percent (France Terre Textile). */
  frenchStepSharePercent?: number | null;
  /** Date the EPV label was awarded by the State; it is valid five years. */
  awardedOn?: Date | null;
}

export const OFG_MIN_FRENCH_COST_SHARE = 50;
export const FTT_MIN_FRENCH_STEP_SHARE = 75;
export const EPV_VALIDITY_YEARS = 5;

/** The field that breaks the label's rule and why, or null when the declaration satisfies it. */
export function labelRuleProblem(d: LabelDeclaration, today: Date = new Date()): { field: string; reason: string } | null {
  switch (d.label) {
    case LabelCode.ORIGINE_FRANCE_GARANTIE:
      if (d.frenchCostSharePercent == null) {
        return { field: 'input.frenchCostSharePercent', reason: 'required for Origine France Garantie' };
      }
      if (d.frenchCostSharePercent < OFG_MIN_FRENCH_COST_SHARE) {
        return {
          field: 'input.frenchCostSharePercent',
          reason: `Origine France Garantie requires at least ${OFG_MIN_FRENCH_COST_SHARE} % of the unit cost acquired in France (declared ${d.frenchCostSharePercent} %)`,
        };
      }
      return null;
    case LabelCode.FRANCE_TERRE_TEXTILE:
      if (d.frenchStepSharePercent == null) {
        return { field: 'input.frenchStepSharePercent', reason: 'required for France Terre Textile' };
      }
      if (d.frenchStepSharePercent < FTT_MIN_FRENCH_STEP_SHARE) {
        return {
          field: 'input.frenchStepSharePercent',
          reason: `France Terre Textile requires at least ${FTT_MIN_FRENCH_STEP_SHARE} % of the manufacturing steps done in France (declared ${d.frenchStepSharePercent} %)`,
        };
      }
      return null;
    case LabelCode.ENTREPRISE_PATRIMOINE_VIVANT: {
      if (!d.awardedOn) return { field: 'input.awardedOn', reason: 'required for Entreprise du Patrimoine Vivant' };
      const expiry = new Date(d.awardedOn);
      expiry.setFullYear(expiry.getFullYear() + EPV_VALIDITY_YEARS);
      if (d.awardedOn > today) return { field: 'input.awardedOn', reason: 'cannot be in the future' };
      if (expiry <= today) {
        return { field: 'input.awardedOn', reason: `the EPV label is valid ${EPV_VALIDITY_YEARS} years; this award expired on ${expiry.toISOString().slice(0, 10)}` };
      }
      return null;
    }
  }
}
