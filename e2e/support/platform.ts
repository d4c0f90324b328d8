import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { createScratchDatabase, required } from '@rim/testing';
import {
  launchPlatform,
  launchPortal,
  launchService,
  PLATFORM_PORTS,
  platformServices,
  type RunningService,
} from '@rim/scripts';

const ROOT = resolve(__dirname, '..', '..');
export const LOG_DIR = '.local/test/logs';

/** The platform as the e2e suites see it: URLs, and the directory's scratch database for checks. */
export interface Platform {
  gatewayUrl: string;
  /** The directory subgraph reached directly, bypassing the gateway. */
  directoryUrl: string;
  /** Runs SQL against the directory's own (scratch) database, for "nothing was written" checks. */
  directoryQuery<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs SQL against any present service's own (scratch) database, e.g. serviceQuery('booking', ...). */
  serviceQuery<T = Record<string, unknown>>(service: string, sql: string, params?: unknown[]): Promise<T[]>;
  /** The map page (services/portal), when started with `{ portal: true }`; it forwards /atlas/* to the atlas. */
  portalUrl: string | null;
  /** The URL of a present subgraph reached directly, bypassing the gateway. */
  subgraphUrl(service: string): string;
  /** Starts one more gateway in front of the same directory, with extra environment. */
  extraGateway(port: number, env: Record<string, string>): Promise<ExtraGateway>;
  stop(): Promise<void>;
}

export interface ExtraGateway {
  url: string;
  stop(): Promise<void>;
}

/** Refuses to start when something (a leftover of a crashed run) already answers on a port. */
async function assertPortFree(port: number): Promise<void> {
  try {
    await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1_000) });
  } catch {
    return; // nothing listening
  }
  throw new Error(`port ${port} already answers HTTP: a leftover service from an earlier run? Stop it first.`);
}

export interface PlatformOptions {
  /** Also start the map page's server (services/portal) in front of the atlas. */
  portal?: boolean;
  /** Extra environment per service, e.g. { directory: { DEMO_SEED_ORGANISATIONS: '300' } }. */
  serviceEnv?: Record<string, Record<string, string>>;
}

/**
 * Launches the directory (on a fresh scratch database) and the gateway as real Node processes, the
 * way `npm start` does, on the test ports (gateway 4400, directory 4401). Call once per test file:
 *
 * @example
 * let platform: Platform;
 * beforeAll(async () => (platform = await startPlatform('dir_e2e')), 120_000);
 * afterAll(() => platform?.stop());
 */
export async function startPlatform(label: string, options: PlatformOptions = {}): Promise<Platform> {
  const schemaFile = join(ROOT, 'services', 'directory', 'schema.graphql');
  if (!existsSync(schemaFile)) {
    throw new Error(`${schemaFile} is missing: the gateway composes the committed subgraph SDL (run npm run schema:emit)`);
  }
  const ports = PLATFORM_PORTS.test;
  const present = platformServices(ports);
  // The realm lists http://127.0.0.1:4500/* as a redirect URI (the test port with no shift); a
  // Keycloak imported with other ports can be matched with E2E_PORTAL_PORT (e.g. 4200).
  const portalPort = Number(process.env.E2E_PORTAL_PORT ?? ports.portal);
  await Promise.all(
    [ports.gateway, ...present.map((s) => s.port), ...(options.portal ? [portalPort] : [])].map(assertPortFree),
  );
  // One scratch database per service present in this checkout: suites never share state.
  const scratches = new Map(
    await Promise.all(present.map(async ({ name }) => [name, await createScratchDatabase(`${label}_${name}`)] as const)),
  );
  const dropAll = () => Promise.all([...scratches.values()].map((d) => d.drop()));
  const endpoints = {
    databaseUrlFor: (db: string) => {
      const scratch = scratches.get(db as never);
      if (!scratch) throw new Error(`no scratch database for ${db}`);
      return scratch.url;
    },
    kafkaBrokers: required('KAFKA_BROKERS').split(','),
    oidcIssuer: required('OIDC_ISSUER'),
  };
  let services: RunningService[];
  try {
    services = await launchPlatform(endpoints, ports, { nodeEnv: 'test', logDir: LOG_DIR, serviceEnv: options.serviceEnv });
    if (options.portal) {
      const started = services;
      const portal = await launchPortal(endpoints, ports, { nodeEnv: 'test', logDir: LOG_DIR, port: portalPort }).catch(
        async (error: unknown) => {
          await Promise.all(started.map((s) => s.stop()));
          throw error;
        },
      );
      services.push(portal);
    }
  } catch (error) {
    await dropAll();
    throw error;
  }
  const subgraphUrls = Object.fromEntries(
    present.map(({ name, port }) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${port}/graphql`]),
  );
  const extras: ExtraGateway[] = [];
  const clients = new Map<string, Client>();
  const clientFor = async (service: string): Promise<Client> => {
    let client = clients.get(service);
    if (!client) {
      client = new Client({ connectionString: endpoints.databaseUrlFor(service) });
      clients.set(service, client);
      await client.connect();
    }
    return client;
  };
  const serviceQuery = async <T,>(service: string, sql: string, params: unknown[] = []) =>
    (await (await clientFor(service)).query(sql, params)).rows as T[];

  return {
    gatewayUrl: `http://127.0.0.1:${ports.gateway}/graphql`,
    directoryUrl: `http://127.0.0.1:${ports.directory}/graphql`,
    portalUrl: options.portal ? `http://127.0.0.1:${portalPort}` : null,
    directoryQuery: <T,>(sql: string, params: unknown[] = []) => serviceQuery<T>('directory', sql, params),
    serviceQuery,
    subgraphUrl: (service: string) => {
      const found = present.find((s) => s.name === service);
      if (!found) throw new Error(`no subgraph ${service} in this checkout`);
      return `http://127.0.0.1:${found.port}/graphql`;
    },
    extraGateway: async (port, env) => {
      await assertPortFree(port);
      const service = await launchService(
        {
          name: `gateway-${port}`,
          entry: 'services/gateway/src/main.ts',
          // Same environment as launchPlatform gives its gateway, plus the extras.
          env: {
            NODE_ENV: 'test',
            KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
            OIDC_ISSUER: endpoints.oidcIssuer,
            GATEWAY_PORT: String(port),
            ...subgraphUrls,
            ...env,
          },
          healthUrl: `http://127.0.0.1:${port}/healthz/live`,
        },
        LOG_DIR,
      );
      const extra = { url: `http://127.0.0.1:${port}/graphql`, stop: () => service.stop() };
      extras.push(extra);
      return extra;
    },
    stop: async () => {
      await Promise.allSettled(extras.map((e) => e.stop()));
      // Gateway first, then the subgraph behind it.
      for (const service of [...services].reverse()) await service.stop();
      await Promise.all([...clients.values()].map((c) => c.end().catch(() => undefined)));
      await dropAll();
    },
  };
}

/** Untyped JSON from the wire: tests assert on its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface HttpResult {
  status: number;
  text: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json?: {
    data?: Record<string, Json> | null;
    errors?: Array<{ message: string; path?: unknown; extensions?: Record<string, Json> }>;
  };
  headers: Headers;
}

/**
 * POSTs a raw body (object or array, serialised as JSON, or a prepared string) with optional
 * bearer token and headers, and returns status, text and parsed JSON. Unlike @rim/testing's
 * graphql(), it never throws on a non-JSON answer: tests assert on what came back.
 */
export async function post(
  url: string,
  body: unknown,
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: HttpResult['json'];
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, headers: response.headers };
}

/** A GraphQL operation through post(). */
export function gql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  return post(url, { query, variables }, options);
}

/** The data of a GraphQL answer that must have succeeded: HTTP 200 and no errors (both asserted). */
export function ok(result: HttpResult): Record<string, Json> {
  expect(result.status).toBe(200);
  expect(result.json?.errors).toBeUndefined();
  return result.json!.data!;
}

/** Anything that looks like a stack trace or a server file path in a response body. */
export const STACK_TRACE = /(\bat [\w.<>$]+ \(|\bat .*\.[jt]s:\d+|node_modules|\/work\/|stacktrace|exception)/i;

/** A valid SIRET for a SIREN: its first establishment (00001…) with the Luhn check digit that fits. */
export function siret(siren: string): string {
  for (let check = 0; check < 10; check++) {
    const candidate = `${siren}0001${check}`;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let d = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error(`no SIRET for ${siren}`);
}
