import { PORTS, portsFor, stateDirFor } from './profiles';

describe('local stack profiles', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('gives each profile its own ports, none shared between profiles', () => {
    const dev = Object.values(portsFor('dev'));
    const test = Object.values(portsFor('test'));
    expect(new Set([...dev, ...test]).size).toBe(dev.length + test.length);
    expect(portsFor('test')).toEqual(PORTS.test);
  });

  it('lets STACK_<PROFILE>_<NAME>_PORT override one port of one profile only', () => {
    process.env.STACK_TEST_KEYCLOAK_PORT = '38080';
    expect(portsFor('test')).toEqual({ ...PORTS.test, keycloak: 38080 });
    expect(portsFor('dev')).toEqual(PORTS.dev);
  });

  it('keeps state under .local/<profile> unless STACK_<PROFILE>_STATE_DIR says otherwise', () => {
    expect(stateDirFor('dev')).toMatch(/\.local\/dev$/);
    process.env.STACK_DEV_STATE_DIR = '/tmp/elsewhere';
    expect(stateDirFor('dev')).toBe('/tmp/elsewhere');
    expect(stateDirFor('test')).toMatch(/\.local\/test$/);
  });
});
