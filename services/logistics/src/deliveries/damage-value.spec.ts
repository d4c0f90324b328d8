import { damageProblems, damageValue } from './damage-value';

describe('damage valued on declared value, not weight', () => {
  it('values one of four pallets at a quarter of the declared value', () => {
    expect(damageValue({ pallets: 4, crates: 0, kg: 1000 }, 2400, { pallets: 1, crates: 0, kg: 0 })).toBe(600);
  });

  it('gives the same mass of goods different values when their declared values differ', () => {
    const crates = { pallets: 0, crates: 10, kg: 120 };
    const oneCrate = { pallets: 0, crates: 1, kg: 0 };
    expect(damageValue(crates, 5000, oneCrate)).toBe(500); // saffron
    expect(damageValue(crates, 150, oneCrate)).toBe(15); // potatoes, same weight
  });

  it('takes the largest damaged share when several units are given, capped at the whole', () => {
    expect(damageValue({ pallets: 2, crates: 0, kg: 600 }, 1000, { pallets: 1, crates: 0, kg: 450 })).toBe(750);
    expect(damageValue({ pallets: 2, crates: 0, kg: 0 }, 1000, { pallets: 2, crates: 0, kg: 0 })).toBe(1000);
  });

  it('is zero without damage', () => {
    expect(damageValue({ pallets: 2, crates: 0, kg: 0 }, 1000, { pallets: 0, crates: 0, kg: 0 })).toBe(0);
  });

  it('refuses more damaged than shipped, naming the unit', () => {
    expect(damageProblems({ pallets: 2, crates: 0, kg: 500 }, { pallets: 3, crates: 1, kg: 0 })).toEqual([
      { unit: 'pallets', reason: '3 damaged but only 2 shipped' },
      { unit: 'crates', reason: '1 damaged but only 0 shipped' },
    ]);
  });
});
