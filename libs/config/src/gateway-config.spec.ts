import { IsIn } from 'class-validator';
import { GatewayBaseConfig } from './gateway-config';
import { ConfigError, loadConfig } from './load-config';

const ISSUER = { OIDC_ISSUER: 'http://127.0.0.1:18080/realms/marketplace' };

class WithPlanner extends GatewayBaseConfig {
  @IsIn(['rust', 'js'], { message: 'PLANNER must be rust or js' })
  PLANNER: 'rust' | 'js' = 'rust';
}

const problems = (load: () => unknown): string => {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('the config was accepted');
};

describe('GatewayBaseConfig', () => {
  it('has the defaults of every gateway, numbers read from strings', () => {
    expect({ ...loadConfig('gw', GatewayBaseConfig, { ...ISSUER, MAX_DEPTH: '7' }) }).toEqual({
      NODE_ENV: 'development', HOST: '127.0.0.1', GATEWAY_PORT: 4000, OIDC_ISSUER: ISSUER.OIDC_ISSUER, OIDC_AUDIENCE: 'marketplace-api',
      MAX_DEPTH: 7, MAX_ALIASES: 15, MAX_COST: 5000, MAX_TOKENS: 2000, MAX_BODY: '100kb',
    });
  });

  it('refuses a missing issuer, a port out of range and a body size it cannot read, naming each', () => {
    const message = problems(() => loadConfig('gw', GatewayBaseConfig, { GATEWAY_PORT: '70000', MAX_BODY: 'lots' }));
    expect(message).toMatch(/OIDC_ISSUER: OIDC_ISSUER must be an http\(s\) URL/);
    expect(message).toMatch(/GATEWAY_PORT: /);
    expect(message).toMatch(/MAX_BODY: MAX_BODY must be a size/);
  });

  it('gives a subclass its fields and rules, beside the subclass\'s own', () => {
    expect(loadConfig('gw', WithPlanner, ISSUER)).toMatchObject({ GATEWAY_PORT: 4000, MAX_COST: 5000, PLANNER: 'rust' });
    const message = problems(() => loadConfig('gw', WithPlanner, { ...ISSUER, PLANNER: 'apollo', MAX_ALIASES: '-1' }));
    expect(message).toMatch(/PLANNER must be rust or js/);
    expect(message).toMatch(/MAX_ALIASES: /);
  });
});
