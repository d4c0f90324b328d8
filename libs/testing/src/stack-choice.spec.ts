import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseStack, dockerEndpoint, dockerEngineAnswers } from './stack-choice';

const ALL = { DATABASE_URL: 'postgres://u@h/db', KAFKA_BROKERS: 'h:9092', OIDC_ISSUER: 'http://h/realms/marketplace' };
const engine = (answers: boolean) => jest.fn(async () => answers);

describe('chooseStack', () => {
  it('uses the named services when all three URLs are given, without asking Docker', async () => {
    const probe = engine(true);
    await expect(chooseStack(ALL, probe)).resolves.toBe('external');
    expect(probe).not.toHaveBeenCalled();
  });

  it('refuses a partial set, naming what is set', async () => {
    await expect(chooseStack({ KAFKA_BROKERS: 'h:9092' }, engine(true))).rejects.toThrow(
      'KAFKA_BROKERS set but not all of DATABASE_URL, KAFKA_BROKERS and OIDC_ISSUER',
    );
  });

  it('starts containers when no URL is given and an engine answers; the local stack when none does', async () => {
    await expect(chooseStack({}, engine(true))).resolves.toBe('containers');
    await expect(chooseStack({}, engine(false))).resolves.toBe('local');
  });

  it('RIM_TEST_STACK forces a choice; containers without an engine and unknown values fail', async () => {
    const probe = engine(true);
    await expect(chooseStack({ RIM_TEST_STACK: 'local' }, probe)).resolves.toBe('local');
    expect(probe).not.toHaveBeenCalled();
    await expect(chooseStack({ RIM_TEST_STACK: 'containers' }, engine(true))).resolves.toBe('containers');
    await expect(chooseStack({ RIM_TEST_STACK: 'containers' }, engine(false))).rejects.toThrow('no Docker engine answers');
    await expect(chooseStack({ RIM_TEST_STACK: 'podman' }, engine(true))).rejects.toThrow('RIM_TEST_STACK must be local or containers, not "podman"');
  });
});

describe('dockerEndpoint', () => {
  it('reads DOCKER_HOST (unix or tcp), else the default socket if it exists', () => {
    expect(dockerEndpoint({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' })).toEqual({ socketPath: '/run/user/1000/docker.sock' });
    expect(dockerEndpoint({ DOCKER_HOST: 'tcp://10.0.0.5:2376' })).toEqual({ host: '10.0.0.5', port: 2376 });
    expect(dockerEndpoint({ DOCKER_HOST: 'ssh://me@box' })).toBeUndefined();
    expect(dockerEndpoint({}, () => true)).toEqual({ socketPath: '/var/run/docker.sock' });
    expect(dockerEndpoint({}, () => false)).toBeUndefined();
  });
});

describe('dockerEngineAnswers', () => {
  // An in-process stand-in for the engine on a unix socket: OK is an engine, anything else is not.
  let dir: string;
  let server: Server;
  let reply = 'OK';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'engine-'));
    server = createServer((req, res) => res.end(req.url === '/_ping' ? reply : 'no'));
    await new Promise<void>((resolve) => server.listen(join(dir, 'docker.sock'), resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('is true only when the engine answers OK to /_ping', async () => {
    reply = 'OK';
    await expect(dockerEngineAnswers({ socketPath: join(dir, 'docker.sock') })).resolves.toBe(true);
    reply = 'Bad Gateway';
    await expect(dockerEngineAnswers({ socketPath: join(dir, 'docker.sock') })).resolves.toBe(false);
  });

  it('is false with no endpoint or nothing listening (a docker CLI without an engine, as here)', async () => {
    await expect(dockerEngineAnswers(undefined)).resolves.toBe(false);
    await expect(dockerEngineAnswers({ socketPath: join(dir, 'absent.sock') })).resolves.toBe(false);
  });
});
