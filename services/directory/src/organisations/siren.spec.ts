import { luhnValid, normaliseSiren, sirenProblem } from './siren';

describe('SIREN', () => {
  it.each([
    ['732829320', 'Veolia-style valid number'],
    ['552100554', 'Peugeot SA'],
    ['542 051 180', 'TotalEnergies, printed with spaces'],
  ])('accepts %s (%s)', (siren) => {
    expect(sirenProblem(siren)).toBeNull();
  });

  it('refuses a number that is not 9 digits', () => {
    expect(sirenProblem('12345678')).toBe('must be 9 digits');
    expect(sirenProblem('1234567890')).toBe('must be 9 digits');
    expect(sirenProblem('73282932A')).toBe('must be 9 digits');
  });

  it('refuses every single-digit typo of a valid SIREN', () => {
    const valid = '732829320';
    for (let i = 0; i < 9; i++) {
      for (let d = 0; d <= 9; d++) {
        const typo = valid.slice(0, i) + d + valid.slice(i + 1);
        if (typo === valid) continue;
        expect({ typo, problem: sirenProblem(typo) }).toEqual({
          typo,
          problem: 'fails the Luhn checksum (check for a mistyped digit)',
        });
      }
    }
  });

  it('implements Luhn as specified', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });

  it('normalises spaces and dots', () => {
    expect(normaliseSiren('732 829.320')).toBe('732829320');
  });
});
