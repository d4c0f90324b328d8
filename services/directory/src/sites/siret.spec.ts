import { siretProblem } from './siret';

describe('SIRET', () => {
  it('accepts a valid SIRET, with or without spaces', () => {
    expect(siretProblem('73282932000074')).toBeNull();
    expect(siretProblem('732 829 320 00074')).toBeNull();
  });

  it('refuses wrong lengths and typos', () => {
    expect(siretProblem('7328293200007')).toBe('must be 14 digits');
    expect(siretProblem('73282932000075')).toBe('fails the Luhn checksum (check for a mistyped digit)');
  });

  it("applies La Poste's digit-sum rule to its establishments other than the head office, as INSEE states it", () => {
    expect(siretProblem('35600000000001')).toBeNull(); // digit sum 15, not Luhn-valid
    expect(siretProblem('35600000000002')).toBe('fails the La Poste checksum (digit sum must be a multiple of 5)');
  });

  it("checks La Poste's head office SIRET with the ordinary Luhn key", () => {
    // 35600000000048: Luhn-valid, digit sum 26. The digit-sum rule alone would refuse it.
    expect(siretProblem('35600000000048')).toBeNull();
  });
});
