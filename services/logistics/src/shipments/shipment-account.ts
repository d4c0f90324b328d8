import {
  allocateByTonneKm,
  allocationMassKg,
  DEFAULT_EMISSION_FACTORS,
  soloEmissions,
  tripEmissionsKg,
  type EmissionFactorTable,
  type LoadQuantities,
  type TemperatureZoneName,
} from '../carbon/carbon';

export interface AccountTrip {
  vehicleType: string;
  routeKm: number;
  temperatureZone: TemperatureZoneName;
  ownLoadKg: number;
}

export interface AccountLoad {
  id: string;
  quantities: LoadQuantities;
  /** Road km of this load's own leg, pickup to drop-off. */
  legKm: number;
  priceEur: number;
  declaredValueEur: number;
}

/** Money and carbon of one shipment on a trip. */
export interface ShipmentAccountFigures {
  priceEur: number;
  /** price / declared value of the goods (0.08 = 8 %). */
  costShareOfValue: number;
  km: number;
  co2Kg: number;
  soloKm: number;
  soloCo2Kg: number;
  co2AvoidedKg: number;
  kmAvoided: number;
  /** This shipment's share of the trip's tonne-km. */
  allocationShare: number;
}

/** Cost as a share of the goods' value: what 80 % of short-chain producers never compute. */
export function costShare(priceEur: number, declaredValueEur: number): number {
  if (!(declaredValueEur > 0)) throw new Error('declared value must be positive');
  return priceEur / declaredValueEur;
}

/**
 * Figures for every accepted load on a trip: cost share, allocated CO2 (ISO 14083 by tonne-km,
 * the owner's own load included) and what is avoided against each sender driving alone.
 * kmAvoided counts the sender's solo km; the trip drives anyway.
 */
export function accountTrip(
  trip: AccountTrip,
  loads: AccountLoad[],
  table: EmissionFactorTable = DEFAULT_EMISSION_FACTORS,
): Map<string, ShipmentAccountFigures> {
  const total = tripEmissionsKg(trip.vehicleType, trip.routeKm, trip.temperatureZone, table);
  const activities = loads.map((l) => ({ id: l.id, massKg: allocationMassKg(l.quantities, table), km: l.legKm }));
  const own = { id: '\u0000owner', massKg: trip.ownLoadKg, km: trip.routeKm };
  const allocated = allocateByTonneKm(total, [...activities, own]);
  const out = new Map<string, ShipmentAccountFigures>();
  for (const l of loads) {
    const co2Kg = allocated.get(l.id) ?? 0;
    const solo = soloEmissions(l.legKm, table);
    out.set(l.id, {
      priceEur: l.priceEur,
      costShareOfValue: costShare(l.priceEur, l.declaredValueEur),
      km: l.legKm,
      co2Kg,
      soloKm: solo.km,
      soloCo2Kg: solo.co2Kg,
      co2AvoidedKg: solo.co2Kg - co2Kg,
      kmAvoided: solo.km,
      allocationShare: total > 0 ? co2Kg / total : 0,
    });
  }
  return out;
}
