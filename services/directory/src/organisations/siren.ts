/**
 * SIREN: the 9-digit INSEE identifier of a French legal unit. Its last digit is a Luhn check
 * digit, which catches every single-digit typo and most swaps of two adjacent digits.
 */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Double every second digit from the right.
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Why a SIREN is invalid, or null when it is valid. Spaces (as printed on a Kbis) are allowed. */
export function sirenProblem(raw: string): string | null {
  const siren = normaliseSiren(raw);
  if (!/^\d{9}$/.test(siren)) return 'must be 9 digits';
  if (!luhnValid(siren)) return 'fails the Luhn checksum (check for a mistyped digit)';
  return null;
}

export function normaliseSiren(raw: string): string {
  return raw.replace(/[\s.]/g, '');
}
