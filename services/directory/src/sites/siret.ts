import { luhnValid } from '../organisations/siren';

/**
 * La Poste's SIREN. INSEE: its head office's SIRET (35600000000048) is checked with the ordinary
 * Luhn key like any other; its other establishments' SIRETs cannot be, and are checked instead by
 * a digit sum that is a multiple of 5.
 */
const LA_POSTE_SIREN = '356000000';
const LA_POSTE_HEAD_OFFICE_SIRET = '35600000000048';

/** Why a SIRET is invalid, or null. A SIRET is the SIREN (9) plus an establishment number (5). */
export function siretProblem(raw: string): string | null {
  const siret = normaliseSiret(raw);
  if (!/^\d{14}$/.test(siret)) return 'must be 14 digits';
  if (siret.startsWith(LA_POSTE_SIREN) && siret !== LA_POSTE_HEAD_OFFICE_SIRET) {
    const sum = [...siret].reduce((s, d) => s + Number(d), 0);
    return sum % 5 === 0 ? null : 'fails the La Poste checksum (digit sum must be a multiple of 5)';
  }
  return luhnValid(siret) ? null : 'fails the Luhn checksum (check for a mistyped digit)';
}

export function normaliseSiret(raw: string): string {
  return raw.replace(/[\s.]/g, '');
}
