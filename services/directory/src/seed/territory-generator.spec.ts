import { sirenProblem } from '../organisations/siren';
import { siretProblem } from '../sites/siret';
import { referenceData } from '../reference/reference-data';
import { generateTerritory } from './territory-generator';

describe('territory generator', () => {
  const now = new Date('2026-11-23T00:00:00Z');

  it('is deterministic for a seed', () => {
    expect(generateTerritory(50, 7, now)).toEqual(generateTerritory(50, 7, now));
    expect(generateTerritory(50, 8, now).organisations[0].legalName).not.toBe(generateTerritory(50, 7, now).organisations[0].legalName);
  });

  it('produces valid, unique identifiers, known NAF codes, processes and communes', () => {
    const t = generateTerritory(300, 20261123, now);
    expect(t.organisations).toHaveLength(300);
    expect(new Set(t.organisations.map((o) => o.siren)).size).toBe(300);
    expect(new Set(t.sites.map((s) => s.siret)).size).toBe(t.sites.length);
    for (const o of t.organisations) {
      expect(sirenProblem(o.siren)).toBeNull();
      expect(referenceData().nafLabel(o.nafCode)).toBeDefined();
    }
    for (const s of t.sites) {
      expect(siretProblem(s.siret)).toBeNull();
      expect(s.siret.slice(0, 9)).toBe(t.organisations.find((o) => o.id === s.organisationId)!.siren);
      expect(s.commune.centre).not.toBeNull();
    }
    for (const c of t.capabilities) expect(referenceData().process(c.processCode)).toBeDefined();
    expect(t.capacities.length).toBeGreaterThan(30);
    for (const c of t.capacities) expect(c.windowEnd.getTime()).toBeGreaterThan(c.windowStart.getTime());
  });
});
