import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { presentSubgraphs, SUBGRAPHS, type SubgraphName } from '@rim/supergraph';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

export interface ServiceSpec {
  name: string;
  /** Entry point, relative to the repository root. */
  entry: string;
  env: Record<string, string>;
  /** URL answering 200 once the service is ready. */
  healthUrl: string;
}

export interface RunningService {
  name: string;
  pid: number;
  logFile: string;
  /** Resolves when the process exits, however it exits (a supervisor restarts it). */
  exited: Promise<{ code: number | null; signal: string | null }>;
  stop(): Promise<void>;
}

/**
 * Runs a service's TypeScript entry point as its own Node process (SWC transpiles on load, so
 * there is no build step), with logs in `logDir/<name>.log`, and resolves once its health URL
 * answers. Used by `npm start` and by the e2e suite, so both run the services the same way.
 *
 * @example
 * const directory = await launchService({ name: 'directory', entry: 'services/directory/src/main.ts',
 *   env: {...}, healthUrl: 'http://127.0.0.1:4101/healthz' }, '.local/dev/logs');
 */
export async function launchService(spec: ServiceSpec, logDir: string, timeoutMs = 90_000): Promise<RunningService> {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${spec.name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, spec.entry)], {
    cwd: ROOT,
    env: { ...pick(process.env, ['PATH', 'HOME', 'TZ', 'LANG']), ...spec.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited: { code: number | null; signal: string | null } | null = null;
  const exitPromise = new Promise<{ code: number | null; signal: string | null }>((r) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      r(exited);
    }),
  );
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exitPromise;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      throw new Error(`${spec.name} exited (${JSON.stringify(exited)}) before it was ready; see ${logFile}`);
    }
    try {
      const res = await fetch(spec.healthUrl, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${spec.name} not ready after ${timeoutMs / 1000} s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { name: spec.name, pid: child.pid ?? 0, logFile, exited: exitPromise, stop };
}

function pick(env: NodeJS.ProcessEnv, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.flatMap((k) => (env[k] ? [[k, env[k] as string]] : [])));
}

/** Environment and ports of the platform's own services for a stack profile. */
export interface PlatformEndpoints {
  databaseUrlFor(db: string): string;
  kafkaBrokers: string[];
  oidcIssuer: string;
}

/**
 * Shifts the test ports so that two e2e runs on one machine (two checkouts, two developers) do not
 * collide. Zero in CI.
 */
const TEST_PORT_SHIFT = Number(process.env.TEST_PORT_SHIFT ?? 0);

/** Port offset of each profile: dev uses the subgraphs' default ports, test the same plus 300. */
export const PLATFORM_PORTS = {
  dev: { gateway: 4000, offset: 0, directory: 4101, portal: 4200 },
  // The portal's test port must be a redirect URI of the realm's public client (4500 is listed).
  test: { gateway: 4400 + TEST_PORT_SHIFT, offset: 300 + TEST_PORT_SHIFT, directory: 4401 + TEST_PORT_SHIFT, portal: 4500 + TEST_PORT_SHIFT },
} as const;

export interface PlatformPorts {
  gateway: number;
  offset: number;
  directory: number;
  portal: number;
}

/** The services present in this checkout, in start order, with their ports for a profile. */
export function platformServices(ports: PlatformPorts): Array<{ name: SubgraphName; port: number }> {
  // A service takes part once it has an entry point and has committed its schema (as the gateway sees it).
  const present = new Set(presentSubgraphs(ROOT));
  return SUBGRAPHS.filter(({ name }) => present.has(name) && existsSync(join(ROOT, 'services', name, 'src', 'main.ts'))).map(
    ({ name, defaultPort }) => ({ name, port: defaultPort + ports.offset }),
  );
}

/** What launchPlatform starts, in order: every service present, then the gateway. */
export interface PlatformOptions {
  nodeEnv: 'development' | 'production' | 'test';
  logDir: string;
  writeSchemas?: boolean;
  gatewayEnv?: Record<string, string>;
  /** Extra environment per service name, e.g. { directory: { DEMO_SEED_ORGANISATIONS: '300' } }. */
  serviceEnv?: Record<string, Record<string, string>>;
}

/**
 * The launch specs of the platform's processes, in start order (services, then the gateway).
 * Conventions every service follows: `<NAME>_PORT`, `<NAME>_DATABASE_URL`, `SCHEMA_FILE`,
 * `GET /healthz`.
 */
export function platformSpecs(endpoints: PlatformEndpoints, ports: PlatformPorts, options: PlatformOptions): ServiceSpec[] {
  const common = {
    NODE_ENV: options.nodeEnv,
    KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
    OIDC_ISSUER: endpoints.oidcIssuer,
  };
  const services = platformServices(ports);
  return [
    ...services.map(({ name, port }) => {
      const NAME = name.toUpperCase();
      return {
        name,
        entry: `services/${name}/src/main.ts`,
        env: {
          ...common,
          [`${NAME}_PORT`]: String(port),
          [`${NAME}_DATABASE_URL`]: endpoints.databaseUrlFor(name),
          ...(options.writeSchemas ? { SCHEMA_FILE: `services/${name}/schema.graphql` } : {}),
          ...options.serviceEnv?.[name],
        },
        // Live, not healthy: a service serves requests while the broker is away (its /healthz
        // then answers 503 naming the broker), and must not be held back or restarted for that.
        healthUrl: `http://127.0.0.1:${port}/healthz/live`,
      };
    }),
    {
      name: 'gateway',
      entry: 'services/gateway/src/main.ts',
      env: {
        ...common,
        GATEWAY_PORT: String(ports.gateway),
        ...Object.fromEntries(services.map(({ name, port }) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${port}/graphql`])),
        ...options.gatewayEnv,
      },
      healthUrl: `http://127.0.0.1:${ports.gateway}/healthz/live`,
    },
  ];
}

/**
 * Starts every service present (each applies its own migrations), then the gateway in front of
 * them (see platformSpecs).
 *
 * @example
 * const services = await launchPlatform(endpoints, PLATFORM_PORTS.dev, { nodeEnv: 'development', logDir });
 */
export async function launchPlatform(endpoints: PlatformEndpoints, ports: PlatformPorts, options: PlatformOptions): Promise<RunningService[]> {
  const started: RunningService[] = [];
  try {
    // Started one by one: on two cores, parallel boots are not faster and their logs interleave.
    for (const spec of platformSpecs(endpoints, ports, options)) started.push(await launchService(spec, options.logDir));
    return started;
  } catch (error) {
    await Promise.all(started.map((s) => s.stop()));
    throw error;
  }
}

/**
 * Starts the map page's server (services/portal) on `port`, forwarding /atlas/* to the atlas on
 * its port for this profile. It has no database and no Kafka: Keycloak's issuer is all it needs.
 *
 * @example
 * const portal = await launchPortal(endpoints, PLATFORM_PORTS.dev, { nodeEnv: 'development', logDir });
 */
export async function launchPortal(
  endpoints: Pick<PlatformEndpoints, 'oidcIssuer'>,
  ports: PlatformPorts,
  options: { nodeEnv: 'development' | 'production' | 'test'; logDir: string; port?: number },
): Promise<RunningService & { url: string }> {
  const atlasPort = (SUBGRAPHS.find((s) => s.name === 'atlas')?.defaultPort ?? 4105) + ports.offset;
  const port = options.port ?? ports.portal;
  const service = await launchService(
    {
      name: 'portal',
      entry: 'services/portal/src/main.ts',
      env: {
        NODE_ENV: options.nodeEnv,
        OIDC_ISSUER: endpoints.oidcIssuer,
        PORTAL_PORT: String(port),
        ATLAS_URL: `http://127.0.0.1:${atlasPort}`,
      },
      healthUrl: `http://127.0.0.1:${port}/healthz`,
    },
    options.logDir,
  );
  return { ...service, url: `http://127.0.0.1:${port}` };
}
