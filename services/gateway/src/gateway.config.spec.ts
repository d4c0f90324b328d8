import { ConfigError } from '@rim/config';
import { loadGatewayConfig, maxBodyBytes } from './gateway.config';

const ISSUER = { OIDC_ISSUER: 'http://127.0.0.1:18080/realms/marketplace' };

describe('gateway config', () => {
  it('defaults: port 4000, Rust query planner, 100kb body', () => {
    const config = loadGatewayConfig(ISSUER);
    expect(config).toMatchObject({ GATEWAY_PORT: 4000, GATEWAY_QUERY_PLANNER: 'rust', MAX_BODY: '100kb' });
    expect(maxBodyBytes(config)).toBe(102_400);
  });

  it.each([
    ['65536', 65_536],
    ['1mb', 1_048_576],
    ['2KB', 2_048],
  ])('MAX_BODY=%s is %d bytes', (value, bytes) => {
    expect(maxBodyBytes(loadGatewayConfig({ ...ISSUER, MAX_BODY: value }))).toBe(bytes);
  });

  it('refuses to boot on an unknown planner or a body size it cannot read, naming both', () => {
    let error: unknown;
    try {
      loadGatewayConfig({ ...ISSUER, GATEWAY_QUERY_PLANNER: 'apollo', MAX_BODY: 'lots' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/GATEWAY_QUERY_PLANNER must be rust or js/);
    expect((error as ConfigError).message).toMatch(/MAX_BODY must be a size/);
  });

  it('in Kubernetes: a supergraph file and an in-cluster JWKS URL are optional; a bad JWKS URL is refused by name', () => {
    const plain = loadGatewayConfig(ISSUER);
    expect([plain.SUPERGRAPH_FILE, plain.OIDC_JWKS_URL]).toEqual([undefined, undefined]);
    const jwks = 'http://keycloak-service:8080/realms/marketplace/protocol/openid-connect/certs';
    expect(loadGatewayConfig({ ...ISSUER, SUPERGRAPH_FILE: '/etc/marketplace/supergraph/supergraph.graphql', OIDC_JWKS_URL: jwks })).toMatchObject({
      SUPERGRAPH_FILE: '/etc/marketplace/supergraph/supergraph.graphql',
      OIDC_JWKS_URL: jwks,
    });
    expect(() => loadGatewayConfig({ ...ISSUER, OIDC_JWKS_URL: 'keycloak-service/certs' })).toThrow(/OIDC_JWKS_URL must be an http\(s\) URL/);
  });
});
