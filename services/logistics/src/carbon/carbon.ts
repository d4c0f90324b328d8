import factors from './emission-factors.json';

export type TemperatureZoneName = 'AMBIENT' | 'CHILLED' | 'FROZEN';

export interface VehicleFactor {
  label: string;
  kgCo2ePerKm: number;
  payloadKg: number;
  pallets: number;
}

/** Emission factors and allocation parameters, kept as data (emission-factors.json). */
export interface EmissionFactorTable {
  /** 'indicative' until the factors are checked against an official release. */
  status: string;
  statusNote: string;
  sources: Array<{ name: string; url: string }>;
  refrigerationUplift: number;
  referenceVehicle: string;
  soloIncludesReturn: boolean;
  vehicles: Record<string, VehicleFactor>;
  massEstimate: { kgPerPallet: number; kgPerCrate: number };
}

export const DEFAULT_EMISSION_FACTORS: EmissionFactorTable = factors;

export const VEHICLE_TYPES = Object.keys(DEFAULT_EMISSION_FACTORS.vehicles);

/** One line shown next to every CO2 figure: how much to trust it, and where it comes from. */
export function emissionFactorsNote(table: EmissionFactorTable = DEFAULT_EMISSION_FACTORS): string {
  const sources = table.sources.map((s) => `${s.name} (${s.url})`).join('; ');
  return `${table.status === 'indicative' ? 'Indicative factors' : 'Factors'} from ${sources}.`;
}

export interface LoadQuantities {
  pallets: number;
  crates: number;
  kg: number;
}

/** Mass used for allocation: the declared kg, or an estimate from pallets and crates when none. */
export function allocationMassKg(q: LoadQuantities, table: EmissionFactorTable = DEFAULT_EMISSION_FACTORS): number {
  if (q.kg > 0) return q.kg;
  return q.pallets * table.massEstimate.kgPerPallet + q.crates * table.massEstimate.kgPerCrate;
}

/** A trip's whole emissions: vehicle-km x factor, plus the refrigeration uplift when not ambient. */
export function tripEmissionsKg(
  vehicleType: string,
  routeKm: number,
  zone: TemperatureZoneName,
  table: EmissionFactorTable = DEFAULT_EMISSION_FACTORS,
): number {
  const vehicle = table.vehicles[vehicleType];
  if (!vehicle) throw new Error(`no emission factor for vehicle type ${vehicleType}`);
  const uplift = zone === 'AMBIENT' ? 0 : table.refrigerationUplift;
  return routeKm * vehicle.kgCo2ePerKm * (1 + uplift);
}

export interface LoadActivity {
  id: string;
  massKg: number;
  km: number;
}

/**
 * ISO 14083 allocation by transport activity: each load's share of the trip's emissions is its
 * tonne-km over the trip's total tonne-km. Returns kg CO2e per load id. The owner's own load is
 * passed like any other load so shippers do not carry emissions of goods that travel anyway.
 */
export function allocateByTonneKm(totalKg: number, loads: LoadActivity[]): Map<string, number> {
  const activity = loads.reduce((sum, l) => sum + Math.max(0, l.massKg) * Math.max(0, l.km), 0);
  const out = new Map<string, number>();
  for (const l of loads) {
    out.set(l.id, activity > 0 ? (totalKg * Math.max(0, l.massKg) * Math.max(0, l.km)) / activity : 0);
  }
  return out;
}

/** What the sender would have emitted driving alone with the reference vehicle (and back, by default). */
export function soloEmissions(legKm: number, table: EmissionFactorTable = DEFAULT_EMISSION_FACTORS): { km: number; co2Kg: number } {
  const km = legKm * (table.soloIncludesReturn ? 2 : 1);
  const vehicle = table.vehicles[table.referenceVehicle];
  return { km, co2Kg: km * vehicle.kgCo2ePerKm };
}
