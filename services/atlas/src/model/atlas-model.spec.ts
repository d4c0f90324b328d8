import { territory } from '@rim/territory';
import { AtlasComputation, cellKey, type Facts } from './atlas-model';
import { DEFAULT_STEPS, nafSection } from './indicators';

const t = territory();
const grenoble = t.commune('38185')!;
const now = new Date('2026-12-03T12:00:00Z');
const HOUR = 3_600_000;

function facts(owners: number, weeklyOpenHours: (i: number) => number, bookedHours: (i: number) => number): Facts {
  const f: Facts = { organisations: [], sites: [], assets: [], capacities: [], bookings: [], trips: [], shipments: [] };
  for (let i = 0; i < owners; i++) {
    const organisationId = `owner-${i}`;
    f.assets.push({ id: `asset-${i}`, organisationId, commune: grenoble.code, h3r7: null, weeklyOpenHours: weeklyOpenHours(i) });
    const start = new Date(now.getTime() - 10 * 24 * HOUR);
    f.bookings.push({ organisationId, commune: grenoble.code, h3r7: null, start, end: new Date(start.getTime() + bookedHours(i) * HOUR) });
  }
  return f;
}

describe('asset utilisation', () => {
  it('is booked hours over open hours in the last 30 days, on the 0.05 step', () => {
    // 3 owners, 70 h a week each: 300 h open in 30 days each, 900 h; 90 h booked each, 270 h: 0.30.
    const published = new AtlasComputation(t, DEFAULT_STEPS).compute(facts(3, () => 70, () => 90), now);
    expect(published.get(cellKey('asset_utilisation', 'epci', grenoble.epci!))).toMatchObject({ value: 0.3, withheld: false });
  });

  it('counts only the part of a booking inside the 30-day window', () => {
    const f = facts(3, () => 70, () => 0);
    for (const b of f.bookings) {
      b.start = new Date(now.getTime() - 40 * 24 * HOUR);
      b.end = new Date(now.getTime() - 29 * 24 * HOUR); // 24 h inside the window
    }
    const published = new AtlasComputation(t, DEFAULT_STEPS).compute(f, now);
    expect(published.get(cellKey('asset_utilisation', 'commune', grenoble.code))!.value).toBeCloseTo(0.1, 6); // 72/900 = 0.08 -> 0.10
  });

  it('is withheld with fewer than 3 owners, or when one owner has 85 % of the open hours', () => {
    const few = new AtlasComputation(t, DEFAULT_STEPS).compute(facts(2, () => 70, () => 10), now);
    expect(few.get(cellKey('asset_utilisation', 'commune', grenoble.code))).toMatchObject({ value: null, withheldReason: 'fewer-than-3' });
    const dominated = new AtlasComputation(t, DEFAULT_STEPS).compute(facts(3, (i) => (i === 0 ? 1000 : 10), () => 10), now);
    expect(dominated.get(cellKey('asset_utilisation', 'commune', grenoble.code))).toMatchObject({ value: null, withheldReason: 'dominance-85' });
  });
});

describe('NAF sections', () => {
  it('maps a NAF code to its section by division', () => {
    expect(nafSection('25.62B')).toBe('C');
    expect(nafSection('71.12B')).toBe('M');
    expect(nafSection('01.11Z')).toBe('A');
    expect(nafSection('xx')).toBeNull();
  });
});
