import { haversineKm, rankPartners, type Candidate } from './partner-ranking';

const base = (over: Partial<Candidate>): Candidate => ({ organisationId: 'x', name: 'X', declared: [], distanceKm: 10, capacities: [], assets: [], ...over });

describe('partner ranking', () => {
  it('Grenoble to Voiron is about 25 km as the crow flies', () => {
    expect(haversineKm({ latitude: 45.1885, longitude: 5.7245 }, { latitude: 45.3642, longitude: 5.5897 })).toBeCloseTo(22, 0);
  });

  it('keeps who declares a process within the radius, best first, each with its reasons', () => {
    const ranked = rankPartners(['welding', 'painting'], [
      base({ organisationId: 'far', declared: ['welding'], distanceKm: 300 }),
      base({ organisationId: 'none', declared: ['forging'] }),
      base({ organisationId: 'near', declared: ['welding'], distanceKm: 5 }),
      base({ organisationId: 'spare', declared: ['welding'], distanceKm: 40, capacities: [{ processCode: 'welding', quantity: 80, unit: 'hours', windowStart: new Date('2027-01-01'), windowEnd: new Date('2027-02-01') }] }),
      base({ organisationId: 'both', declared: ['welding', 'painting'], distanceKm: 60 }),
    ], 100);
    expect(ranked.map((s) => s.organisationId)).toEqual(['both', 'spare', 'near']);
    expect(ranked[1].reasons).toEqual([
      'declares "welding" in the directory',
      'a site 40 km from the delivery point',
      'declares 80 hours of spare "welding" capacity from 2027-01-01 to 2027-02-01',
    ]);
  });
});
