import { scoreLot } from './scoring';

const W = { price: 40, leadTime: 20, quality: 30, co2: 10 };

describe('weighted scoring', () => {
  it('gives the best offer full points on each lower-is-better criterion and shows its rule', () => {
    const [a, b] = scoreLot(W, [
      { bidId: 'a', priceEur: 1000, leadTimeDays: 10, co2Kg: 50, qualityMark: 80 },
      { bidId: 'b', priceEur: 2000, leadTimeDays: 20, co2Kg: 100, qualityMark: 100 },
    ]);
    expect(a.score).toBe(40 + 20 + 10 + 24);
    expect(b.score).toBe(20 + 10 + 5 + 30);
    expect(a.rank).toBe(1);
    expect(b.rank).toBe(2);
    expect(a.rule).toContain('price 40 x 1000 / 1000 = 40');
    expect(b.rule).toContain('total 65 / 100');
  });

  it('flags an offer below 80 % of the mean of the others, and never drops it', () => {
    const scores = scoreLot(W, [
      { bidId: 'low', priceEur: 700, leadTimeDays: 10, co2Kg: 10, qualityMark: null },
      { bidId: 'b', priceEur: 1000, leadTimeDays: 10, co2Kg: 10, qualityMark: null },
      { bidId: 'c', priceEur: 1100, leadTimeDays: 10, co2Kg: 10, qualityMark: null },
    ]);
    expect(scores).toHaveLength(3);
    expect(scores.find((s) => s.bidId === 'low')).toMatchObject({ abnormallyLow: true, abnormallyLowReason: expect.stringContaining('1050') });
    expect(scores.find((s) => s.bidId === 'b')?.abnormallyLow).toBe(false);
  });

  it('a lone offer is never abnormally low (nothing to compare with)', () => {
    expect(scoreLot(W, [{ bidId: 'a', priceEur: 1, leadTimeDays: 1, co2Kg: 1, qualityMark: null }])[0].abnormallyLow).toBe(false);
  });
});
