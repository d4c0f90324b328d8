import { DEFAULT_EMISSION_FACTORS } from '../carbon/carbon';
import { accountTrip, costShare } from './shipment-account';

describe('cost share and carbon account per shipment', () => {
  it('expresses the cost as a share of the declared value of the goods', () => {
    expect(costShare(60, 1200)).toBeCloseTo(0.05, 12);
    expect(() => costShare(60, 0)).toThrow(/declared value/);
  });

  it('allocates the trip over shipments and the owner load, and compares with driving alone', () => {
    const trip = { vehicleType: 'rigid-7.5t', routeKm: 120, temperatureZone: 'AMBIENT' as const, ownLoadKg: 800 };
    const loads = [
      { id: 'alice', quantities: { pallets: 4, crates: 0, kg: 1200 }, legKm: 120, priceEur: 80, declaredValueEur: 2000 },
      { id: 'bob', quantities: { pallets: 4, crates: 0, kg: 0 }, legKm: 60, priceEur: 40, declaredValueEur: 400 },
    ];
    const figures = accountTrip(trip, loads);
    const total = 120 * DEFAULT_EMISSION_FACTORS.vehicles['rigid-7.5t'].kgCo2ePerKm;
    // tonne-km: alice 1.2 t x 120, bob 1.2 t (4 pallets x 300 kg) x 60, owner 0.8 t x 120 = 144 + 72 + 96
    const alice = figures.get('alice')!;
    const bob = figures.get('bob')!;
    expect(alice.co2Kg).toBeCloseTo((total * 144) / 312, 9);
    expect(bob.co2Kg).toBeCloseTo((total * 72) / 312, 9);
    expect(alice.costShareOfValue).toBeCloseTo(0.04, 12);
    expect(bob.costShareOfValue).toBeCloseTo(0.1, 12);
    const van = DEFAULT_EMISSION_FACTORS.vehicles['van-3.5t'].kgCo2ePerKm;
    expect(alice.soloCo2Kg).toBeCloseTo(240 * van, 9);
    expect(alice.co2AvoidedKg).toBeCloseTo(240 * van - alice.co2Kg, 9);
    expect(alice.co2AvoidedKg).toBeGreaterThan(0);
    expect(bob.kmAvoided).toBeCloseTo(120, 9);
  });
});
