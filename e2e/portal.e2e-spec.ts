import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { accessToken, ALICE_ORG, required } from '@rim/testing';
import { gql, siret, startPlatform, type Platform } from './support/platform';

/**
 * The map page as an authority uses it, in Debian's headless Chromium: the real Keycloak login
 * page, the real atlas behind the portal, an organisation registered through the gateway moving
 * the page live. Screenshots go to test-output/portal/ (git-ignored) for a human to look at.
 */
const SHOTS = resolve(__dirname, '..', 'test-output', 'portal');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Grenoble-Alpes-Métropole, the EPCI of the commune of Grenoble (38185), where alice's site goes.
const GRENOBLE_EPCI = '200040715';
const REGISTER = `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`;
const ADD_SITE = `mutation($org: ID!, $input: AddSiteInput!) { addSite(organisationId: $org, input: $input) { id } }`;

interface Feature {
  id?: string;
  properties: { code: string; name: string; value: number | null; withheld: boolean };
}

describe('the map page (portal) in headless Chromium (e2e)', () => {
  let platform: Platform;
  let portal: string;
  let context: BrowserContext;
  let page: Page;
  let profileDir: string;
  let eveToken: string;
  let indicators: Array<{ key: string; label: string; unit?: string; public: boolean }>;

  const shot = async (name: string) => {
    // Not mid-way through a zoom animation (Leaflet scales the layer while it runs).
    await page.waitForFunction(() => !document.querySelector('#map.leaflet-zoom-anim'));
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  };
  /** The atlas's answer through the portal, as the page gets it. */
  const layer = async (level: string, indicator: string): Promise<Feature[]> => {
    const response = await fetch(`${portal}/atlas/geojson/${level}?indicator=${indicator}`, { headers: { authorization: `Bearer ${eveToken}` } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { features: Feature[] }).features;
  };
  const organisationsOf = async (epci: string): Promise<{ value: number | null; withheld: boolean }> => {
    const response = await fetch(`${portal}/atlas/areas/epci/${epci}`, { headers: { authorization: `Bearer ${eveToken}` } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { indicators: Record<string, { value: number | null; withheld: boolean }> }).indicators.organisations;
  };
  /** The value once three reads a second apart agree. */
  const settledOrganisations = async (epci: string) => {
    let last = await organisationsOf(epci);
    for (let same = 0, tries = 0; same < 2 && tries < 60; tries++) {
      await new Promise((r) => setTimeout(r, 1_000));
      const now = await organisationsOf(epci);
      same = now.value === last.value && now.withheld === last.withheld ? same + 1 : 0;
      last = now;
    }
    return last;
  };
  /** How the dashboard writes the organisations figure (French digits, unit from /atlas/indicators). */
  const shown = (cell: { value: number | null; withheld: boolean }) => {
    if (cell.withheld) return 'secret statistique';
    const digits = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format(cell.value as number);
    const unit = indicators.find((i) => i.key === 'organisations')?.unit;
    return unit ? `${digits} ${unit}` : digits;
  };
  const drawn = (level: string, indicator: string) =>
    page.waitForSelector(`#map[data-level="${level}"][data-indicator="${indicator}"] path.area`, { timeout: 30_000 });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // The demo territory (300 organisations, Grenoble – Isère) makes the map worth looking at.
    // Published counts are rounded to a step (5 by default) so that one newcomer cannot be read
    // from a difference: that is the atlas's own attack test. Here one registration must show, so
    // the atlas runs with a step of 1; the live path (event → atlas → stream → page) is the same.
    platform = await startPlatform('portal_e2e', {
      portal: true,
      serviceEnv: { directory: { DEMO_SEED_ORGANISATIONS: '300' }, atlas: { ATLAS_COUNT_STEP: '1' } },
    });
    portal = platform.portalUrl as string;
    eveToken = await accessToken('eve');
    // The full list, as an authority sees it; signed out, the atlas leaves the reserved ones out.
    const listed = await fetch(`${portal}/atlas/indicators`, { headers: { authorization: `Bearer ${eveToken}` } });
    expect(listed.status).toBe(200); // the atlas answers behind the portal
    indicators = await listed.json();
    const publicOnly = (await (await fetch(`${portal}/atlas/indicators`)).json()) as Array<{ key: string }>;
    expect(publicOnly.map((i) => i.key)).not.toContain('asset_utilisation');
    profileDir = mkdtempSync(join(tmpdir(), 'portal-e2e-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 800 },
      locale: 'fr-FR',
    });
    page = context.pages()[0] ?? (await context.newPage());
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
    await platform?.stop();
  });

  it('eve signs in through the real Keycloak login page, and only then may pick the reserved indicators', async () => {
    await page.goto(`${portal}/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    // Negative control: signed out, a non-public indicator cannot be picked (listed disabled, or not listed).
    const pickable = '#indicator option[value="asset_utilisation"]:not([disabled])';
    expect(await page.locator(pickable).count()).toBe(0);
    await page.click('#sign-in');
    await page.waitForURL((url) => url.href.startsWith(required('OIDC_ISSUER')), { timeout: 30_000 });
    await page.waitForSelector('#username');
    await shot('01-keycloak-login');
    await page.fill('#username', 'eve');
    await page.fill('#password', 'demo');
    await page.click('#kc-login');
    await page.waitForURL((url) => url.href.startsWith(portal) && !url.search.includes('code='), { timeout: 30_000 });
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    expect(await page.textContent('#who')).toContain('authority');
    expect(await page.locator(pickable).count()).toBe(1);
  });

  it('draws the EPCI layer: one SVG path per feature the atlas serves, each with its code', async () => {
    const features = await layer('epci', 'organisations');
    // Auvergne-Rhône-Alpes has well over a hundred EPCIs; an empty or partial layer fails here.
    expect(features.length).toBeGreaterThan(100);
    await drawn('epci', 'organisations');
    const codes = await page.$$eval('#map path.area', (paths) => paths.map((p) => p.getAttribute('data-code')));
    expect(codes).toHaveLength(features.length);
    expect(new Set(codes)).toEqual(new Set(features.map((f) => f.properties.code)));
    await shot('02-epci-organisations');
  });

  it('picking another indicator redraws the layer with that indicator, its legend and its secrecy', async () => {
    const utilisation = indicators.find((i) => i.key === 'asset_utilisation');
    expect(utilisation).toBeDefined();
    await page.selectOption('#indicator', 'asset_utilisation');
    await drawn('epci', 'asset_utilisation');
    const features = await layer('epci', 'asset_utilisation');
    const withheld = await page.$$eval('#map path.area', (paths) =>
      Object.fromEntries(paths.map((p) => [p.getAttribute('data-code'), p.getAttribute('data-withheld')])),
    );
    expect(withheld).toEqual(Object.fromEntries(features.map((f) => [f.properties.code, String(f.properties.withheld)])));
    expect(await page.textContent('#legend h3')).toContain(utilisation?.label);
    await shot('03-epci-utilisation');
  });

  it('shows a withheld cell as withheld: hatched, labelled "secret statistique", no value', async () => {
    await page.selectOption('#indicator', 'organisations');
    await drawn('epci', 'organisations');
    const features = await layer('epci', 'organisations');
    const secret = features.find((f) => f.properties.withheld);
    const published = features.find((f) => !f.properties.withheld && f.properties.value !== null);
    expect(secret).toBeDefined(); // the demo territory leaves EPCIs with fewer than 3 organisations
    expect(published).toBeDefined();
    expect(secret?.properties.value).toBeNull();
    const fillOf = (code: string) =>
      page.$eval(`#map path.area[data-code="${code}"]`, (p) => [p.getAttribute('class'), getComputedStyle(p).fill]);
    const [secretClass, secretFill] = await fillOf(secret?.properties.code as string);
    expect(secretClass).toContain('area--withheld');
    expect(secretFill).toContain('#hatch');
    // Control: a published cell is filled with a class colour, not the hatch.
    const [publishedClass, publishedFill] = await fillOf(published?.properties.code as string);
    expect(publishedClass).not.toContain('area--withheld');
    expect(publishedFill).toMatch(/^rgb/);
    await page.fill('#area-filter', secret?.properties.name as string);
    const entry = page.locator(`#area-list button[data-code="${secret?.properties.code}"]`);
    expect(await entry.locator('.v').textContent()).toBe('secret');
    // Hovered by its own element: the centre of its box may lie on a neighbour.
    await page.dispatchEvent(`#map path.area[data-code="${secret?.properties.code}"]`, 'mouseover');
    await page.waitForSelector('.leaflet-tooltip');
    expect(await page.textContent('.leaflet-tooltip')).toContain('secret statistique');
    expect(await page.textContent('#legend')).toContain('secret statistique');
    await shot('04-withheld');
  });

  it("opens an EPCI's dashboard from the list with the keyboard: figures, sector mix, utilisation and CO2 charts", async () => {
    await page.fill('#area-filter', 'Grenoble');
    const button = page.locator(`#area-list button[data-code="${GRENOBLE_EPCI}"]`);
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector(`#dashboard[data-code="${GRENOBLE_EPCI}"] [data-testid="area-name"]`);
    const area = (await (await fetch(`${portal}/atlas/areas/epci/${GRENOBLE_EPCI}`, { headers: { authorization: `Bearer ${eveToken}` } })).json()) as { name: string };
    expect(await page.textContent('[data-testid="area-name"]')).toBe(area.name);
    for (const chart of ['sector-mix', 'utilisation', 'co2']) {
      expect(await page.locator(`#dashboard [data-chart="${chart}"] svg.chart`).count()).toBe(1);
    }
    expect(await page.locator('#dashboard dd[data-indicator="organisations"]').count()).toBe(1);
    await shot('05-dashboard-grenoble');
  });

  it('draws the co-delivery flows between EPCIs, one line per flow the atlas serves', async () => {
    const flows = (await (await fetch(`${portal}/atlas/flows?level=epci&indicator=trips`, { headers: { authorization: `Bearer ${eveToken}` } })).json()) as { features: unknown[] };
    await page.check('#flows');
    await page.waitForSelector('#map[data-flows]');
    expect(await page.locator('#map path.flow').count()).toBe(flows.features.length);
    await page.uncheck('#flows');
    await page.waitForFunction(() => document.querySelectorAll('#map path.flow').length === 0);
  });

  it('registering an organisation through the gateway changes its count on the page within seconds, without a reload', async () => {
    const figure = '#dashboard dd[data-indicator="organisations"]';
    // The seeded territory may still be flowing into the atlas: start from a settled value, so the
    // change seen below is ours and not the seed's.
    const settled = await settledOrganisations(GRENOBLE_EPCI);
    await page.waitForFunction(
      ([selector, text]) => document.querySelector(selector as string)?.textContent === text,
      [figure, shown(settled)],
      { timeout: 20_000 },
    );
    const before = await page.textContent(figure);
    await page.evaluate(() => ((window as unknown as { stillSamePage: boolean }).stillSamePage = true));
    const alice = await accessToken('alice');
    const registered = await gql(platform.gatewayUrl, REGISTER, { input: { siren: '380123455', legalName: "Forges de l'Isère", nafCode: '25.50A', sizeBand: 'SMALL', tier: 2 } }, { token: alice });
    expect(registered.json?.errors).toBeUndefined();
    expect(registered.json?.data?.registerOrganisation.id).toBe(ALICE_ORG);
    const site = await gql(platform.gatewayUrl, ADD_SITE, {
      org: ALICE_ORG,
      input: { siret: siret('380123455'), name: 'Atelier de Grenoble', addressLine: '12 rue des Arts', postcode: '38000', communeInsee: '38185' },
    }, { token: alice });
    expect(site.json?.errors).toBeUndefined();
    const t0 = Date.now();
    await page.waitForFunction(
      ([selector, old]) => document.querySelector(selector as string)?.textContent !== old,
      [figure, before],
      { timeout: 20_000 },
    );
    const seconds = (Date.now() - t0) / 1000;
    // The page shows what the atlas now publishes, and it is one more organisation's worth, not less.
    const after = await organisationsOf(GRENOBLE_EPCI);
    expect(await page.textContent(figure)).toBe(shown(after));
    expect(after.withheld).toBe(false);
    if (!settled.withheld) expect(after.value as number).toBeGreaterThan(settled.value as number);
    expect(await page.evaluate(() => (window as unknown as { stillSamePage?: boolean }).stillSamePage)).toBe(true);
    expect(await page.textContent('#live')).toContain('Établissements');
    await shot('06-live-update');
    console.log(`portal e2e: Grenoble's organisations went from "${before}" to "${await page.textContent(figure)}" in ${seconds.toFixed(1)} s`);
  });

  it('offers the tendering indicators: open calls drawn on the map, and the gaps of Grenoble listed in its dashboard, in French', async () => {
    // carla's organisation publishes a call delivered in Grenoble asking for casting, which no
    // organisation of the demo territory declares (its sectors never draw it), and milling.
    const carla = await accessToken('carla');
    const registered = await gql(platform.gatewayUrl, REGISTER, { input: { siren: '423456789', legalName: 'Mécatronique des Alpes', nafCode: '28.29B', sizeBand: 'INTERMEDIATE', tier: 1 } }, { token: carla });
    expect(registered.json?.errors).toBeUndefined();
    const created = await gql(platform.gatewayUrl, `mutation($input: CreateCallForTendersInput!) { createCallForTenders(input: $input) { id } }`, {
      input: {
        title: 'Carters de fonderie usinés',
        description: 'Fonderie aluminium puis usinage des faces d’appui.',
        submissionDeadline: new Date(Date.now() + 14 * 86_400_000).toISOString(),
        bidValidityDays: 90,
        criteria: { price: 60, leadTime: 20, quality: 10, co2: 10 },
        guarantee: { retentionPercent: 5 },
        lots: [{ title: 'Carters', requiredProcesses: ['casting', 'cnc-milling'], quantity: 200, unit: 'pieces', deliveryCommuneInsee: '38185', deliveryDate: '2027-09-01' }],
      },
    }, { token: carla });
    expect(created.json?.errors).toBeUndefined();
    const tenderId = (created.json!.data as { createCallForTenders: { id: string } }).createCallForTenders.id;
    const publishedCall = await gql(platform.gatewayUrl, `mutation($id: ID!) { publishCallForTenders(id: $id) { id } }`, { id: tenderId }, { token: carla });
    expect(publishedCall.json?.errors).toBeUndefined();

    // Every new indicator is in eve's picker.
    for (const key of ['open_tenders', 'tender_gaps', 'consortia_formed', 'awarded_value_local_eur', 'pallets_crates_pooled']) {
      expect(await page.locator(`#indicator option[value="${key}"]:not([disabled])`).count()).toBe(1);
    }
    const grenoble = async () => (await layer('epci', 'open_tenders')).find((f) => f.properties.code === GRENOBLE_EPCI)!.properties;
    for (let tries = 0; (await grenoble()).value !== 1 && tries < 120; tries++) await new Promise((r) => setTimeout(r, 500));
    expect(await grenoble()).toMatchObject({ value: 1, withheld: false });
    await page.selectOption('#indicator', 'open_tenders');
    // Attached, not visible: zoomed on Grenoble, Leaflet leaves the far EPCIs as empty paths.
    const path = `#map[data-level="epci"][data-indicator="open_tenders"] path.area[data-code="${GRENOBLE_EPCI}"]`;
    await page.waitForSelector(path, { state: 'attached', timeout: 30_000 });
    expect(await page.$eval(path, (p) => [p.getAttribute('data-withheld'), getComputedStyle(p).fill])).toEqual(['false', expect.stringMatching(/^rgb/)]);
    expect(await page.textContent('#legend h3')).toContain('Appels d’offres ouverts');

    await page.fill('#area-filter', 'Grenoble');
    // The area answer may be cached by the browser (Cache-Control max-age, 30 s by default): choose
    // the area again until the dashboard shows the call published a moment ago.
    const casting = '#dashboard [data-chart="gaps"] li[data-process="casting"]';
    for (let tries = 0; tries < 20 && (await page.locator(casting).count()) === 0; tries++) {
      await page.click(`#area-list button[data-code="${GRENOBLE_EPCI}"]`);
      await page.waitForTimeout(3_000);
    }
    await page.waitForSelector(casting, { timeout: 10_000 });
    const area = (await (await fetch(`${portal}/atlas/areas/epci/${GRENOBLE_EPCI}`)).json()) as { gaps: { processCode: string }[] };
    const listed = await page.$$eval('#dashboard [data-chart="gaps"] li', (items) => items.map((i) => (i as HTMLElement).dataset.process));
    expect(listed).toEqual(area.gaps.map((g) => g.processCode));
    expect(await page.textContent('#dashboard [data-chart="gaps"] li[data-process="casting"]')).toContain('Fonderie');
    expect(await page.textContent('#dashboard [data-chart="gaps"] h3')).toBe('Besoins sans fournisseur local');
    await page.locator('#dashboard [data-chart="gaps"]').scrollIntoViewIfNeeded();
    await shot('06-open-tenders-and-gaps');
    // Back to the map the next tests expect.
    await page.selectOption('#indicator', 'organisations');
    await page.waitForSelector(`#map[data-indicator="organisations"] path.area[data-code="${GRENOBLE_EPCI}"]`, { state: 'attached', timeout: 30_000 });
  });

  it('works on a tablet, landscape 1024×768 and portrait 768×1024: map and dashboard both on screen', async () => {
    for (const [width, height] of [
      [1024, 768],
      [768, 1024],
    ]) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(300);
      const map = await page.locator('#map').boundingBox();
      const dashboard = await page.locator('#dashboard').boundingBox();
      expect(map?.width).toBeGreaterThan(width * 0.5);
      expect(map?.height).toBeGreaterThan(250);
      expect((map?.x ?? 0) + (map?.width ?? 0)).toBeLessThanOrEqual(width + 1);
      expect(dashboard?.width).toBeGreaterThan(200);
      await page.screenshot({ path: join(SHOTS, `07-tablet-${width}x${height}.png`), fullPage: true });
    }
  });

  it('signing out ends the Keycloak session too: back to the public indicators, and the next sign-in asks again', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await Promise.all([page.waitForRequest((r) => r.url().includes('/protocol/openid-connect/logout')), page.click('#sign-out')]);
    await page.waitForURL((url) => url.href.startsWith(portal), { timeout: 30_000, waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    expect(await page.textContent('#who')).toContain('Non connecté');
    expect(await page.locator('#indicator option[value="asset_utilisation"]:not([disabled])').count()).toBe(0);
    await page.click('#sign-in');
    await page.waitForSelector('#username', { timeout: 30_000 }); // no silent sign-in: the session is gone
  });
});
