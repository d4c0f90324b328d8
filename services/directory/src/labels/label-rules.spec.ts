import { LabelCode, labelRuleProblem } from './label-rules';

describe('origin label rules', () => {
  it('refuses Origine France Garantie with 40 % French cost, naming the rule', () => {
    expect(labelRuleProblem({ label: LabelCode.ORIGINE_FRANCE_GARANTIE, frenchCostSharePercent: 40 })).toEqual({
      field: 'input.frenchCostSharePercent',
      reason: 'Origine France Garantie requires at least 50 % of the unit cost acquired in France (declared 40 %)',
    });
  });

  it('accepts Origine France Garantie from 50 %', () => {
    expect(labelRuleProblem({ label: LabelCode.ORIGINE_FRANCE_GARANTIE, frenchCostSharePercent: 50 })).toBeNull();
  });

  it('holds France Terre Textile to 75 % of the steps', () => {
    expect(labelRuleProblem({ label: LabelCode.FRANCE_TERRE_TEXTILE, frenchStepSharePercent: 74.9 })?.field).toBe('input.frenchStepSharePercent');
    expect(labelRuleProblem({ label: LabelCode.FRANCE_TERRE_TEXTILE, frenchStepSharePercent: 75 })).toBeNull();
    expect(labelRuleProblem({ label: LabelCode.FRANCE_TERRE_TEXTILE })?.reason).toBe('required for France Terre Textile');
  });

  it('keeps an EPV award for five years only', () => {
    const today = new Date('2026-11-23');
    expect(labelRuleProblem({ label: LabelCode.ENTREPRISE_PATRIMOINE_VIVANT, awardedOn: new Date('2023-01-10') }, today)).toBeNull();
    expect(labelRuleProblem({ label: LabelCode.ENTREPRISE_PATRIMOINE_VIVANT, awardedOn: new Date('2021-01-10') }, today)?.reason).toContain('expired on 2026-01-10');
  });
});
