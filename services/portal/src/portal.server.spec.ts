import { ConfigError } from '@rim/config';
import { loadPortalConfig } from './portal.config';
import { atlasTarget, contentSecurityPolicy } from './portal.server';

describe('atlasTarget (what the portal forwards to the atlas)', () => {
  const atlas = 'http://127.0.0.1:4105';

  it('keeps the path and the query of an /atlas/ request', () => {
    expect(atlasTarget(atlas, '/atlas/geojson/epci?indicator=organisations&within=departement:38')?.toString()).toBe(
      'http://127.0.0.1:4105/atlas/geojson/epci?indicator=organisations&within=departement:38',
    );
  });

  it('refuses anything outside /atlas/ and any walk out of it, encoded or not', () => {
    expect(atlasTarget(atlas, '/graphql')).toBeNull();
    expect(atlasTarget(atlas, '/atlas/../graphql')).toBeNull();
    expect(atlasTarget(atlas, '/atlas/%2e%2e/graphql')).toBeNull();
    expect(atlasTarget(atlas, '/atlas/%2E%2E/healthz')).toBeNull();
    expect(atlasTarget(atlas, '/atlas/%E0%A4%A')).toBeNull(); // malformed escape: refused, not a 500
  });

  it('never leaves the atlas origin (protocol-relative or absolute paths)', () => {
    expect(atlasTarget(atlas, '//evil.example/atlas/x')).toBeNull();
    expect(atlasTarget(atlas, '/atlas//evil.example/x')?.origin).toBe('http://127.0.0.1:4105');
  });
});

describe('contentSecurityPolicy', () => {
  it('allows scripts from the page origin only and connections to Keycloak for the token exchange', () => {
    const csp = contentSecurityPolicy('http://127.0.0.1:18080/realms/marketplace');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:18080");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
  });
});

describe('loadPortalConfig', () => {
  it('defaults to 127.0.0.1:4200 and the atlas on 4105', () => {
    const config = loadPortalConfig({ OIDC_ISSUER: 'http://127.0.0.1:18080/realms/marketplace' });
    expect(config.PORTAL_PORT).toBe(4200);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.ATLAS_URL).toBe('http://127.0.0.1:4105');
    expect(config.OIDC_CLIENT_ID).toBe('marketplace-portal');
  });

  it('refuses to start without an issuer, or with a bad port or atlas URL, naming each variable', () => {
    try {
      loadPortalConfig({ PORTAL_PORT: 'x', ATLAS_URL: 'not a url' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('OIDC_ISSUER');
      expect(message).toContain('PORTAL_PORT');
      expect(message).toContain('ATLAS_URL');
    }
  });
});
