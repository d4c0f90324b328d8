import { createScratchDatabase, eventually, required } from '@rim/testing';
import { launchService, type ServiceSpec } from '@rim/scripts';
import { Supervisor } from '@rim/scripts';
import { LOG_DIR } from './support/platform';

/**
 * A service killed with -9 under supervision comes back (issue 14: under `npm start`, nothing
 * restarted anything), as `npm start` runs it: the real directory process, its real database.
 */
const PORT = 4490 + Number(process.env.TEST_PORT_SHIFT ?? 0);

describe('supervision of a real service (e2e)', () => {
  let database: Awaited<ReturnType<typeof createScratchDatabase>>;
  let supervisor: Supervisor;
  const printed: string[] = [];
  const pids: number[] = [];

  beforeAll(async () => {
    database = await createScratchDatabase('supervised_directory');
    const spec: ServiceSpec = {
      name: 'directory-supervised',
      entry: 'services/directory/src/main.ts',
      env: {
        NODE_ENV: 'test',
        KAFKA_BROKERS: required('KAFKA_BROKERS'),
        OIDC_ISSUER: required('OIDC_ISSUER'),
        DIRECTORY_PORT: String(PORT),
        DIRECTORY_DATABASE_URL: database.url,
      },
      healthUrl: `http://127.0.0.1:${PORT}/healthz/live`,
    };
    supervisor = new Supervisor({ initialDelayMs: 500, print: (l) => printed.push(l) });
    await supervisor.add({
      name: spec.name,
      logFile: `${LOG_DIR}/${spec.name}.log`,
      start: async () => {
        const run = await launchService(spec, LOG_DIR);
        pids.push(run.pid);
        return run;
      },
    });
  }, 120_000);

  afterAll(async () => {
    await supervisor?.stop();
    await database?.drop();
  });

  const live = async () => {
    try {
      return (await fetch(`http://127.0.0.1:${PORT}/healthz/live`, { signal: AbortSignal.timeout(2_000) })).status;
    } catch {
      return 0;
    }
  };

  it('restarts the directory after kill -9, prints it, and it answers again', async () => {
    expect(await live()).toBe(200);
    process.kill(pids[0], 'SIGKILL');
    // 'return-last': the assertions below say what is missing.
    await eventually('the directory restarted and up', () => pids.length === 2 && supervisor.state('directory-supervised') === 'up', {
      timeoutMs: 90_000, everyMs: 250, onTimeout: 'return-last',
    });
    expect(pids).toHaveLength(2);
    expect(pids[1]).not.toBe(pids[0]);
    expect(printed.some((l) => l.includes('directory-supervised restarting (killed by SIGKILL; restart 1'))).toBe(true);
    expect(printed.at(-1)).toMatch(/directory-supervised up \(pid \d+\) \| directory-supervised up$/);
    expect(await live()).toBe(200);
  }, 120_000);
});
