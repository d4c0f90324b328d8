import { DataSource } from 'typeorm';
import { createScratchDatabase } from '@rim/testing';
import { messagingEntities } from '@rim/messaging';
import { directoryEntities } from '../src/entities';
import { directoryMigrations } from '../src/migrations';
import { haversineKm, type GeoPoint } from '@rim/geo';
import { h3Cells } from '../src/geo/geo';
import { Organisation } from '../src/organisations/organisation.entity';
import { referenceData } from '../src/reference/reference-data';
import type { SupplierSearchInput } from '../src/search/dto/supplier-search.input';
import { nameWords, SupplierSearchService } from '../src/search/supplier-search.service';
import { generateTerritory, type Territory } from '../src/seed/territory-generator';
import { Site } from '../src/sites/site.entity';
import { writeTerritory } from '../src/seed/territory-writer';

/**
 * Supplier search against an answer computed the slow, obvious way in memory: every organisation,
 * at its nearest matching site, sorted by distance (or by name without a centre), read page by
 * page with the cursors. 4 000 organisations, so the nearest-first windows, their growth and the
 * whole-disc fallback are all exercised (the window of a 25-row page starts at 832 sites).
 */
describe('supplier search, nearest first, against a brute-force answer (real Postgres)', () => {
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  let search: SupplierSearchService;
  let territory: Territory;
  const centreOf = (code: string) => referenceData().commune(code)!.centre!;

  beforeAll(async () => {
    const db = await createScratchDatabase('directory_search');
    drop = db.drop;
    dataSource = new DataSource({ type: 'postgres', url: db.url, entities: [...directoryEntities, ...messagingEntities], migrations: directoryMigrations });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    territory = generateTerritory(4_000, 31);
    await writeTerritory(dataSource, territory);
    await dataSource.query('ANALYZE');
    search = new SupplierSearchService(dataSource);
  }, 120_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await drop?.();
  });

  /** Every word typed starts a word of the name, case and accents aside, words cut at anything not a letter or a digit. */
  function startsWords(name: string, typed: string): boolean {
    const split = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{Nd}]+/u).filter(Boolean);
    const words = split(name);
    return split(typed).every((t) => words.some((w) => w.startsWith(t)));
  }

  /** What the search must answer, computed from the generated territory. */
  function expected(filter: { centre?: GeoPoint; radiusKm?: number; processCodes?: string[]; text?: string }): Array<{ id: string; km: number | null }> {
    const matchingSites = new Map<string, Array<{ km: number | null }>>();
    const organisationOf = new Map(territory.organisations.map((o) => [o.id, o]));
    const communeOf = (site: { commune: { name: string } }) => site.commune.name;
    const communesOf = new Map<string, string[]>();
    for (const site of territory.sites) communesOf.set(site.organisationId, [...(communesOf.get(site.organisationId) ?? []), communeOf(site)]);
    const names = (o: { legalName: string; tradingName?: string | null }) => `${o.legalName} ${o.tradingName ?? ''}`;
    for (const site of territory.sites) {
      if (filter.processCodes && !territory.capabilities.some((c) => c.siteId === site.id && filter.processCodes!.includes(c.processCode))) continue;
      // With a centre, the organisation's names and the commune of this site.
      if (filter.centre && filter.text && !startsWords(`${names(organisationOf.get(site.organisationId)!)} ${communeOf(site)}`, filter.text)) continue;
      const km = filter.centre ? haversineKm(filter.centre, site) : null;
      if (filter.radiusKm != null && km! > filter.radiusKm) continue;
      matchingSites.set(site.organisationId, [...(matchingSites.get(site.organisationId) ?? []), { km }]);
    }
    const rows = territory.organisations
      .filter((o) => !filter.text || filter.centre || startsWords(`${names(o)} ${(communesOf.get(o.id) ?? []).join(' ')}`, filter.text))
      .filter((o) => matchingSites.has(o.id) || (!filter.centre && !filter.processCodes))
      .map((o) => ({ id: o.id, name: o.legalName, km: filter.centre ? Math.min(...matchingSites.get(o.id)!.map((s) => s.km!)) : null }));
    rows.sort((a, b) => (filter.centre ? a.km! - b.km! : a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.id < b.id ? -1 : 1));
    return rows.map(({ id, km }) => ({ id, km }));
  }

  /** Reads up to `pages` pages of `first` rows, following the cursors. */
  async function read(filter: SupplierSearchInput, first: number, pages: number): Promise<{ rows: Array<{ id: string; km: number | null }>; more: boolean }> {
    const rows: Array<{ id: string; km: number | null }> = [];
    let after: string | null = null;
    for (let p = 0; p < pages; p++) {
      const page = await search.search(filter, first, after);
      rows.push(...page.items.map(({ match }) => ({ id: match.organisation.id, km: match.distanceKm })));
      expect(page.items.length).toBeLessThanOrEqual(first);
      if (!page.hasNextPage) return { rows, more: false };
      expect(page.items).toHaveLength(first);
      after = page.endCursor;
    }
    return { rows, more: true };
  }

  function expectSame(actual: Array<{ id: string; km: number | null }>, wanted: Array<{ id: string; km: number | null }>): void {
    expect(actual.map((r) => r.id)).toEqual(wanted.map((r) => r.id));
    actual.forEach((r, i) => (wanted[i].km === null ? expect(r.km).toBeNull() : expect(r.km).toBeCloseTo(wanted[i].km!, 1)));
  }

  it('radius only: the nearest organisations first, each once, across four pages', async () => {
    const centre = centreOf('38563'); // Voiron
    const wanted = expected({ centre, radiusKm: 15 });
    expect(wanted.length).toBeGreaterThan(100);
    const { rows, more } = await read({ nearCommune: '38563', radiusKm: 15 }, 25, 4);
    expect(more).toBe(true);
    expectSame(rows, wanted.slice(0, 100));
  });

  it('text + radius + process: every page until the last, nothing missed or repeated', async () => {
    const wanted = expected({ centre: centreOf('38185'), radiusKm: 30, processCodes: ['cnc-milling'], text: 'alpes' });
    expect(wanted.length).toBeGreaterThan(10);
    expect(wanted.length).toBeLessThan(200);
    const { rows, more } = await read({ text: 'Alpes', nearCommune: '38185', radiusKm: 30, processCodes: ['cnc-milling'] }, 5, 40);
    expect(more).toBe(false);
    expectSame(rows, wanted);
  });

  it('the same search again and again (a prepared statement, then its generic plan) keeps the same pages', async () => {
    // PostgreSQL may switch a prepared statement to a generic plan after five executions.
    const wanted = expected({ centre: centreOf('38563'), radiusKm: 15, text: 'alpes' }).slice(0, 50);
    const byName = expected({ text: 'forge' }).slice(0, 50);
    for (let i = 0; i < 8; i++) {
      expectSame((await read({ text: 'alpes', nearCommune: '38563', radiusKm: 15 }, 25, 2)).rows, wanted);
      expectSame((await read({ text: 'forge' }, 25, 2)).rows, byName);
    }
  });

  it('a filter too rare for the nearest-site windows still finds its one match (whole-disc fallback)', async () => {
    // Typed in capitals with accents: names are lowered as Unicode, whatever the database's collation.
    const target = territory.organisations.find((o, i) => i > 1000 && /[À-ÿ]/.test(o.legalName))!;
    const text = target.legalName.toUpperCase();
    const wanted = expected({ centre: centreOf('38185'), radiusKm: 150, text });
    expect(wanted.map((r) => r.id)).toEqual([target.id]);
    const { rows, more } = await read({ text, nearCommune: '38185', radiusKm: 150 }, 25, 2);
    expect(more).toBe(false);
    expectSame(rows, wanted);
  });

  it('a centre without a radius orders the whole directory by distance', async () => {
    const centre = { latitude: 45.9, longitude: 5.4 }; // north of the territory: the nearest sites are far
    const wanted = expected({ centre, processCodes: ['metrology'] });
    const { rows } = await read({ near: centre, processCodes: ['metrology'] }, 25, 2);
    expectSame(rows, wanted.slice(0, 50));
  });

  it('text only: by legal name, without distance', async () => {
    const wanted = expected({ text: 'forge' });
    expect(wanted.length).toBeGreaterThan(50);
    const { rows, more } = await read({ text: 'forge' }, 25, 2);
    expect(more).toBe(true);
    expectSame(rows, wanted.slice(0, 50));
  });

  it('text matches the start of words, in any order, not a piece inside a word', async () => {
    for (const text of ['alpes forge', 'orge', 'méca 12', 'MECA', 'grésivaudan', 'gresivaudan']) {
      const wanted = expected({ text });
      const { rows } = await read({ text }, 25, 2);
      expectSame(rows, wanted.slice(0, 50));
    }
    expect(expected({ text: 'alpes forge' }).length).toBeGreaterThan(0);
    expect(expected({ text: 'orge' })).toEqual([]); // "Forge ..." is not found from inside its word
    expect(expected({ text: 'MECA' }).length).toBeGreaterThan(0); // "Mécanique ..." without its accent
  });

  it('splits a typed text as the database splits names: one definition on both sides', async () => {
    const names = ["Forges de l'Isère", 'ÉTAMPAGE Œuvre Ça-Dauphiné', 'Me\u0301catronique & Cie 3D', 'Łódź Ørsted Žilina', '  ', 'x_y%z'];
    for (const name of names) {
      const [{ words }] = await dataSource.query(`SELECT string_to_array(ltrim(name_search_text($1, NULL)), ' ') AS words`, [name]);
      expect({ name, words: [...new Set(words.filter(Boolean))] }).toEqual({ name, words: nameWords(name) });
    }
  });

  it('a prefix of too many distinct words ("12": 12, 120, 1200 ...) is answered from the trigram index, the same', async () => {
    const { rows } = await read({ text: '12' }, 25, 3);
    expectSame(rows, expected({ text: '12' }).slice(0, 75));
    const [{ words }] = await dataSource.query(`SELECT count(DISTINCT word)::int AS words FROM organisation_word WHERE word LIKE '12%'`);
    expect(words).toBeGreaterThan(64);
  });

  it('keeps the copies of the name (sites, organisation_name) and the processes in step with organisation and capability writes', async () => {
    const site = territory.sites[42];
    const [{ process_code: process }] = await dataSource.query(`SELECT process_code FROM capability WHERE site_id = $1 LIMIT 1`, [site.id]);
    const near = { latitude: site.latitude, longitude: site.longitude };
    const found = async (filter: SupplierSearchInput) =>
      (await search.search({ near, radiusKm: 0.5, ...filter }, 5, null)).items.map((i) => i.match.organisation.id);
    expect(await found({ processCodes: [process] })).toContain(site.organisationId);
    const byName = async (text: string) => (await search.search({ text }, 5, null)).items.map((i) => i.match.organisation.id);
    expect(await found({ text: 'zygomatique' })).toEqual([]);
    expect(await byName('zygomatique')).toEqual([]);
    await dataSource.query(`UPDATE organisation SET legal_name = 'Zygomatique Unique SAS' WHERE id = $1`, [site.organisationId]);
    expect(await found({ text: 'zygomatique' })).toEqual([site.organisationId]);
    // Without a centre, the name search reads organisation_word and organisation_name: kept in step too.
    expect(await byName('zygomatique')).toEqual([site.organisationId]);
    await dataSource.query(`DELETE FROM capability WHERE site_id = $1`, [site.id]);
    expect(await found({ processCodes: [process], text: 'zygomatique' })).toEqual([]);
    // Back to the generated name: the later brute-force comparisons read the generated territory.
    const original = territory.organisations.find((o) => o.id === site.organisationId)!.legalName;
    await dataSource.query(`UPDATE organisation SET legal_name = $2 WHERE id = $1`, [site.organisationId, original]);
    expect(await byName('zygomatique')).toEqual([]);
  });

  it('the text also matches the commune of a site, case and accents aside ("voiron", "clemenciat")', async () => {
    // An organisation whose name says nothing of the place, with one site in L'Abergement-Clémenciat (Ain, 01001).
    const model = territory.organisations[7];
    const id = '0f1e2d3c-4b5a-4968-8776-655443322110';
    await dataSource.getRepository(Organisation).insert({ ...model, id, siren: '552100554', legalName: 'Tôlerie Sans Lieu', tradingName: null });
    const ain = referenceData().commune('01001')!;
    expect(ain.name).toBe("L'Abergement-Clémenciat");
    // The reference data has no centre for it: the village's own coordinates.
    const where = { latitude: 46.1506, longitude: 4.9208 };
    const cells = h3Cells(where);
    await dataSource.getRepository(Site).insert({
      id: '1f1e2d3c-4b5a-4968-8776-655443322110', organisationId: id, siret: '55210055400013', name: 'Atelier', addressLine: '1 route de Bourg',
      postcode: '01400', communeInsee: ain.code, epciSiren: ain.epciSiren, departement: ain.departement, region: ain.region,
      ...where, h3R5: cells.r5, h3R7: cells.r7, h3R9: cells.r9,
    });
    const byText = async (text: string, extra: SupplierSearchInput = {}) => (await read({ text, ...extra }, 50, 40)).rows.map((r) => r.id);
    for (const typed of ['clemenciat', 'CLÉMENCIAT', 'abergement clemenciat', 'tolerie clem']) expect(await byText(typed)).toEqual([id]);
    // Negative control: a word of no name and no commune finds nothing; the name alone still finds it.
    expect(await byText('clemenciatx')).toEqual([]);
    expect(await byText('tolerie sans lieu')).toEqual([id]);
    // With a centre, the site's own commune.
    expect(await byText('clemenciat', { near: where, radiusKm: 5 })).toEqual([id]);

    // Voiron: every organisation with a site there, and the brute-force answer agrees, with and without a centre.
    const inVoiron = new Set(territory.sites.filter((s) => s.commune.code === '38563').map((s) => s.organisationId));
    expect(inVoiron.size).toBeGreaterThan(5);
    const voiron = await byText('VOIRON');
    for (const organisation of inVoiron) expect(voiron).toContain(organisation);
    expectSame((await read({ text: 'voiron' }, 25, 40)).rows, expected({ text: 'voiron' }));
    const centre = centreOf('38185');
    expectSame((await read({ text: 'voiron', nearCommune: '38185', radiusKm: 40 }, 25, 40)).rows, expected({ text: 'voiron', centre, radiusKm: 40 }));

    // Removing the site takes the commune's words away.
    await dataSource.query(`DELETE FROM site WHERE organisation_id = $1`, [id]);
    expect(await byText('clemenciat')).toEqual([]);
    expect(await byText('tolerie')).toContain(id);
  });

  it('refuses a text without a letter or digit together with the other bad fields, in one error', async () => {
    await expect(search.search({ text: '--', radiusKm: 5 }, 5, null)).rejects.toMatchObject({
      problems: expect.arrayContaining([
        { field: 'filter.text', reason: 'must contain a letter or a digit' },
        { field: 'filter.radiusKm', reason: 'needs a centre: near or nearCommune' },
      ]),
    });
    await expect(search.search({ text: 'forge' }, 5, null)).resolves.toMatchObject({ hasNextPage: true });
  });

  it('refuses a cursor of the other ordering, naming the field', async () => {
    const byName = await search.search({ text: 'forge' }, 5, null);
    await expect(search.search({ nearCommune: '38185', radiusKm: 10 }, 5, byName.endCursor)).rejects.toMatchObject({
      message: expect.stringContaining('after: not a cursor returned by this API'),
    });
  });
});
