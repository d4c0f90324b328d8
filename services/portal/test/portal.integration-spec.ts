import { readdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { required } from '@rim/testing';
import { loadPortalConfig } from '../src/portal.config';
import { startPortal, type RunningPortal } from '../src/portal.server';

// The sign-in depends on the realm as much as on the page: the public client must take this
// origin's redirect URI, insist on PKCE and answer the token exchange with CORS for this origin.
// Checked against the real Keycloak; the atlas side is checked by e2e/portal.e2e-spec.ts.
const PAGE_ORIGIN = 'http://127.0.0.1:4200';
const STRANGER_ORIGIN = 'http://127.0.0.1:4999';
const PUBLIC_DIR = join(__dirname, '..', 'public');

/** A GET with the path exactly as written (no URL normalisation). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    get({ hostname, port, path }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('portal server with the real Keycloak (integration)', () => {
  let portal: RunningPortal;
  const issuer = required('OIDC_ISSUER');

  beforeAll(async () => {
    // Port 9 (discard) has no atlas: what the page sees when the atlas is down.
    portal = await startPortal(loadPortalConfig({ OIDC_ISSUER: issuer, PORTAL_PORT: '0', ATLAS_URL: 'http://127.0.0.1:9', NODE_ENV: 'test' }));
  });
  afterAll(() => portal?.stop());

  it("gives the page the issuer's real endpoints from its discovery document", async () => {
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    const config = (await (await fetch(`${portal.url}/config.json`)).json()) as Record<string, string>;
    expect(config).toMatchObject({
      clientId: 'marketplace-portal',
      authorizationEndpoint: discovery.authorization_endpoint,
      tokenEndpoint: discovery.token_endpoint,
      endSessionEndpoint: discovery.end_session_endpoint,
      atlasBase: '/atlas',
    });
  });

  it('the public client takes the page origin as redirect URI and refuses a stranger (control)', async () => {
    const authorize = (redirect: string, pkce = true) =>
      fetch(
        `${issuer}/protocol/openid-connect/auth?${new URLSearchParams({
          client_id: 'marketplace-portal',
          response_type: 'code',
          scope: 'openid',
          redirect_uri: redirect,
          state: 's',
          ...(pkce ? { code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' } : {}),
        })}`,
        { redirect: 'manual' },
      );
    expect((await authorize(`${PAGE_ORIGIN}/`)).status).toBe(200); // the login page
    expect((await authorize(`${STRANGER_ORIGIN}/`)).status).toBe(400);
    // Without a code challenge Keycloak sends the browser back with an error: PKCE is mandatory.
    const noPkce = await authorize(`${PAGE_ORIGIN}/`, false);
    expect(noPkce.status).toBe(302);
    expect(noPkce.headers.get('location')).toContain('error=invalid_request');
  });

  it("Keycloak's token endpoint answers the page origin with CORS, not a stranger (webOrigins \"+\")", async () => {
    // A real exchange attempt (with a code Keycloak never issued): refused, but the CORS headers
    // tell whether a browser on that origin could read the answer at all.
    const exchange = (origin: string) =>
      fetch(`${issuer}/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: 'never-issued', client_id: 'marketplace-portal', redirect_uri: `${PAGE_ORIGIN}/`, code_verifier: 'v'.repeat(43) }),
      });
    const fromPage = await exchange(PAGE_ORIGIN);
    expect(fromPage.status).toBe(400);
    expect(fromPage.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);
    expect((await exchange(STRANGER_ORIGIN)).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the page and Leaflet from its own origin, with nothing fetched from elsewhere', async () => {
    const page = await fetch(`${portal.url}/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('lang="fr"');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const leaflet = await fetch(`${portal.url}/vendor/leaflet/leaflet-src.esm.js`);
    expect(leaflet.status).toBe(200);
    expect(leaflet.headers.get('content-type')).toContain('javascript');
    // Every module import of the page stays on this origin: no CDN, works offline.
    for (const file of readdirSync(join(PUBLIC_DIR, 'js'))) {
      const source = readFileSync(join(PUBLIC_DIR, 'js', file), 'utf8');
      for (const [, from] of source.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g)) expect(from).toMatch(/^(\.\/|\/vendor\/)/);
      expect(source).not.toMatch(/import\(\s*['"]https?:/);
    }
  });

  it('an atlas that does not answer gives the page a 502 naming it, never a hang or a 500', async () => {
    const response = await fetch(`${portal.url}/atlas/indicators`, { signal: AbortSignal.timeout(10_000) });
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ error: "l'atlas ne répond pas", field: null });
  });

  it('refuses writes and walks out of /atlas/ with the field and the reason', async () => {
    const post = await fetch(`${portal.url}/atlas/indicators`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(await post.json()).toMatchObject({ field: 'method' });
    // Sent as is: fetch() would resolve the dot segments before they reach the server.
    for (const path of ['/atlas/%2e%2e/healthz', '/atlas/../healthz']) {
      const walk = await rawGet(portal.url, path);
      expect(walk.status).toBe(400);
      expect(JSON.parse(walk.body)).toMatchObject({ field: 'path' });
    }
    const missing = await fetch(`${portal.url}/js/nothing-here.js`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ field: 'path' });
  });

  it('serves the page at any path the sign-in may return to', async () => {
    const back = await fetch(`${portal.url}/carte/epci?code=abc&state=xyz`);
    expect(back.status).toBe(200);
    expect(await back.text()).toContain('<div id="map"');
  });
});
