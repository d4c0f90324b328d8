import { territory } from '@rim/territory';
import { AtlasComputation, cellKey, type Facts } from './atlas-model';
import { DEFAULT_STEPS, nafSection } from './indicators';

const t = territory();
const grenoble = t.commune('38185')!;
const now = new Date('2026-12-03T12:00:00Z');
const HOUR = 3_600_000;

function facts(owners: number, weeklyOpenHours: (i: number) => number, bookedHours: (i: number) => number): Facts {
  const f: Facts = { organisations: [], sites: [], assets: [], capacities: [], bookings: [], trips: [], shipments: [], processes: [], lots: [], consortia: [], consortiumShares: [], awards: [] };
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

describe('tendering, gaps and pooled loads', () => {
  const empty = (): Facts => ({ organisations: [], sites: [], assets: [], capacities: [], bookings: [], trips: [], shipments: [], processes: [], lots: [], consortia: [], consortiumShares: [], awards: [] });
  // Grenoble's EPCI, and a commune of the same département outside it.
  const elsewhere = t.communes().find((c) => c.departement === grenoble.departement && c.epci !== grenoble.epci)!;
  const site = (id: string, commune = grenoble) => ({ id: `site-${id}`, organisationId: id, commune: commune.code, h3r7: null, addedAt: now });

  it('counts an open call once per area, however many lots it delivers there, and not once it closes', () => {
    const f = empty();
    f.lots.push(
      { id: 'l1', tenderId: 'T', open: true, commune: grenoble.code, processes: [] },
      { id: 'l2', tenderId: 'T', open: true, commune: grenoble.code, processes: [] },
      { id: 'l3', tenderId: 'U', open: false, commune: grenoble.code, processes: [] },
    );
    const published = new AtlasComputation(t, DEFAULT_STEPS).compute(f, now);
    // A published call is public: exact, even with a single buyer.
    expect(published.get(cellKey('open_tenders', 'commune', grenoble.code))).toMatchObject({ value: 1, withheld: false });
    expect(published.get(cellKey('open_tenders', 'departement', grenoble.departement))).toMatchObject({ value: 1, withheld: false });
  });

  it('lists as gaps the processes asked for with no supplier in the EPCI, telling when the département has one', () => {
    const f = empty();
    f.sites.push(site('welder', elsewhere), site('miller'));
    f.processes.push({ organisationId: 'welder', processCode: 'welding', commune: elsewhere.code, h3r7: null });
    f.processes.push({ organisationId: 'miller', processCode: 'cnc-milling', commune: grenoble.code, h3r7: null });
    f.lots.push(
      { id: 'l1', tenderId: 'T', open: true, commune: grenoble.code, processes: ['cnc-milling', 'welding'] },
      { id: 'l2', tenderId: 'T', open: true, commune: grenoble.code, processes: ['painting'] },
      { id: 'l3', tenderId: 'U', open: false, commune: grenoble.code, processes: ['forging'] },
    );
    const c = new AtlasComputation(t, DEFAULT_STEPS);
    const published = c.compute(f, now);
    expect(c.gaps.get(`epci|${grenoble.epci}`)).toEqual([
      { processCode: 'painting', label: 'Peinture industrielle', lots: 1, tenders: 1, departementSupplier: false },
      { processCode: 'welding', label: 'Soudage', lots: 1, tenders: 1, departementSupplier: true },
    ]);
    expect(published.get(cellKey('tender_gaps', 'epci', grenoble.epci!))).toMatchObject({ value: 2, withheld: false });
  });

  it('splits an award by the consortium members’ shares of the lot, evenly without them, at each member’s first site', () => {
    const f = empty();
    const members = ['a', 'b', 'c'];
    for (const id of members) {
      f.organisations.push({ id, nafSection: 'C', tier: 1 });
      f.sites.push(site(id, id === 'c' ? elsewhere : grenoble));
    }
    f.consortia.push({ id: 'K', tenderId: 'T', members });
    f.consortiumShares.push({ consortiumId: 'K', lotId: 'l1', organisationId: 'a', sharePercent: 60 }, { consortiumId: 'K', lotId: 'l1', organisationId: 'b', sharePercent: 40 });
    f.awards.push({ lotId: 'l1', tenderId: 'T', members, valueEur: 100_000 }, { lotId: 'l2', tenderId: 'T', members, valueEur: 30_000 });
    const c = new AtlasComputation(t, DEFAULT_STEPS, { primary: false, secondary: false, rounding: false });
    const published = c.compute(f, now);
    // Grenoble: a 60 000 + b 40 000 on lot 1, and two thirds of lot 2; the third member, elsewhere, a third of lot 2.
    expect(published.get(cellKey('awarded_value_local_eur', 'commune', grenoble.code))!.value).toBeCloseTo(120_000, 6);
    expect(published.get(cellKey('awarded_value_local_eur', 'commune', elsewhere.code))!.value).toBeCloseTo(10_000, 6);
    // A consortium of three counts a third at each member's place: the département has one.
    expect(published.get(cellKey('consortia_formed', 'departement', grenoble.departement))!.value).toBeCloseTo(1, 9);
    // With secrecy on, the same figures (1 or 2 organisations per commune) are withheld.
    const secret = new AtlasComputation(t, DEFAULT_STEPS).compute(f, now);
    expect(secret.get(cellKey('awarded_value_local_eur', 'commune', grenoble.code))).toMatchObject({ value: null, withheld: true });
    expect(secret.get(cellKey('consortia_formed', 'commune', elsewhere.code))).toMatchObject({ value: null, withheldReason: 'fewer-than-3' });
  });

  it('counts the pallets and crates of delivered shipments at the pickup, under secrecy', () => {
    const f = empty();
    for (let i = 0; i < 3; i++) {
      f.shipments.push({ organisationId: `s${i}`, commune: grenoble.code, h3r7: null, co2AvoidedKg: 1, kmAvoided: 1, pallets: 4 + i, crates: 10 });
    }
    const published = new AtlasComputation(t, DEFAULT_STEPS).compute(f, now);
    expect(published.get(cellKey('pallets_crates_pooled', 'commune', grenoble.code))).toMatchObject({ value: 45, withheld: false }); // 15 + 30
    f.shipments.splice(1);
    expect(new AtlasComputation(t, DEFAULT_STEPS).compute(f, now).get(cellKey('pallets_crates_pooled', 'commune', grenoble.code))).toMatchObject({ withheld: true });
  });
});
