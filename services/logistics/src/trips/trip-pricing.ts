import type { LoadQuantities } from '../carbon/carbon';

/** The price of a load at a trip's posted rates, to the cent. */
export function priceAtRates(
  trip: { pricePerPalletEur: number; pricePerCrateEur: number; pricePerKgEur: number },
  q: LoadQuantities,
): number {
  return Math.round((trip.pricePerPalletEur * q.pallets + trip.pricePerCrateEur * q.crates + trip.pricePerKgEur * q.kg) * 100) / 100;
}
