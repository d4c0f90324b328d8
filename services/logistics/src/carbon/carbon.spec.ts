import {
  allocateByTonneKm,
  allocationMassKg,
  DEFAULT_EMISSION_FACTORS,
  emissionFactorsNote,
  soloEmissions,
  tripEmissionsKg,
} from './carbon';

describe('CO2 per trip and ISO 14083 allocation', () => {
  it('has a factor for every vehicle type, in plausible kg CO2e per km', () => {
    for (const [type, v] of Object.entries(DEFAULT_EMISSION_FACTORS.vehicles)) {
      expect([type, v.kgCo2ePerKm > 0.1 && v.kgCo2ePerKm < 1.5]).toEqual([type, true]);
    }
  });

  it('says the factors are indicative and cites their public sources', () => {
    expect(DEFAULT_EMISSION_FACTORS.status).toBe('indicative');
    expect(DEFAULT_EMISSION_FACTORS.sources.map((s) => s.name).join(' ')).toMatch(/ADEME Base Carbone.*GLEC/);
    expect(emissionFactorsNote()).toMatch(/^Indicative factors from ADEME Base Carbone .*\(https:\/\/base-empreinte\.ademe\.fr\/\); GLEC/);
  });

  it('computes vehicle-km x factor, plus the refrigeration uplift for chilled and frozen', () => {
    const ambient = tripEmissionsKg('rigid-7.5t', 100, 'AMBIENT');
    expect(ambient).toBeCloseTo(100 * DEFAULT_EMISSION_FACTORS.vehicles['rigid-7.5t'].kgCo2ePerKm, 9);
    expect(tripEmissionsKg('rigid-7.5t', 100, 'CHILLED')).toBeCloseTo(ambient * 1.15, 9);
    expect(() => tripEmissionsKg('rocket', 1, 'AMBIENT')).toThrow(/no emission factor/);
  });

  it('allocates by tonne-km: shares sum to the total and follow mass x distance', () => {
    const shares = allocateByTonneKm(90, [
      { id: 'a', massKg: 1000, km: 100 },
      { id: 'b', massKg: 1000, km: 50 },
      { id: 'c', massKg: 500, km: 100 },
    ]);
    // tonne-km: a 100, b 50, c 50 of 200
    expect(shares.get('a')).toBeCloseTo(45, 9);
    expect(shares.get('b')).toBeCloseTo(22.5, 9);
    expect(shares.get('c')).toBeCloseTo(22.5, 9);
    const sum = [...shares.values()].reduce((s, v) => s + v, 0);
    expect(sum).toBeCloseTo(90, 9);
  });

  it('gives nothing to anyone when nothing moves', () => {
    expect(allocateByTonneKm(50, [{ id: 'a', massKg: 0, km: 10 }]).get('a')).toBe(0);
  });

  it('estimates mass from pallets and crates only when no kg is declared', () => {
    expect(allocationMassKg({ pallets: 2, crates: 10, kg: 0 })).toBe(2 * 300 + 10 * 12);
    expect(allocationMassKg({ pallets: 2, crates: 10, kg: 450 })).toBe(450);
  });

  it('counts the solo trip with the reference van, there and back', () => {
    const solo = soloEmissions(100);
    expect(solo.km).toBe(200);
    expect(solo.co2Kg).toBeCloseTo(200 * DEFAULT_EMISSION_FACTORS.vehicles['van-3.5t'].kgCo2ePerKm, 9);
  });
});
