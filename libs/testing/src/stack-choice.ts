import { request } from 'node:http';
import { existsSync } from 'node:fs';

/**
 * Which infrastructure the integration and e2e suites run against:
 * - `external`: DATABASE_URL, KAFKA_BROKERS and OIDC_ISSUER are all set (a shared or CI stack);
 * - `containers`: none is set and a Docker engine answers: Kafka (apache/kafka, KRaft), Postgres
 *   and Keycloak in containers started by Testcontainers;
 * - `local`: none is set and no engine answers: the no-Docker local stack (embedded Postgres,
 *   Kafka and Keycloak from Maven Central), as on the machines of this project.
 * `RIM_TEST_STACK=local|containers` forces one of the last two (containers without an engine fails).
 */
export type StackChoice = 'external' | 'containers' | 'local';

export interface DockerEndpoint {
  socketPath?: string;
  host?: string;
  port?: number;
}

/** Where the Docker engine would be, from DOCKER_HOST (unix:// or tcp://) or the default socket. */
export function dockerEndpoint(env: Record<string, string | undefined>, socketExists = existsSync): DockerEndpoint | undefined {
  const dockerHost = env.DOCKER_HOST;
  if (dockerHost?.startsWith('unix://')) return { socketPath: dockerHost.slice('unix://'.length) };
  if (dockerHost?.startsWith('tcp://')) {
    const url = new URL(dockerHost.replace(/^tcp:/, 'http:'));
    return { host: url.hostname, port: Number(url.port || 2375) };
  }
  if (dockerHost) return undefined;
  return socketExists('/var/run/docker.sock') ? { socketPath: '/var/run/docker.sock' } : undefined;
}

/**
 * Whether an engine answers `GET /_ping` with OK within the timeout. A docker CLI on the PATH is
 * not enough (this machine has the client and no engine): only the engine's answer counts.
 */
export function dockerEngineAnswers(endpoint: DockerEndpoint | undefined, timeoutMs = 1500): Promise<boolean> {
  if (!endpoint) return Promise.resolve(false);
  return new Promise((resolve) => {
    const req = request({ ...endpoint, path: '/_ping', method: 'GET', timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(res.statusCode === 200 && body.trim() === 'OK'));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

export async function chooseStack(
  env: Record<string, string | undefined>,
  engineAnswers: () => Promise<boolean>,
): Promise<StackChoice> {
  const named = ['DATABASE_URL', 'KAFKA_BROKERS', 'OIDC_ISSUER'].filter((name) => env[name]);
  if (named.length === 3) return 'external';
  if (named.length > 0) {
    throw new Error(
      `integration tests: ${named.join(', ')} set but not all of DATABASE_URL, KAFKA_BROKERS and OIDC_ISSUER: set all three to use external services, or none to start a stack`,
    );
  }
  const forced = env.RIM_TEST_STACK;
  if (forced !== undefined && forced !== 'local' && forced !== 'containers') {
    throw new Error(`RIM_TEST_STACK must be local or containers, not ${JSON.stringify(forced)}`);
  }
  if (forced === 'local') return 'local';
  const engine = await engineAnswers();
  if (forced === 'containers' && !engine) {
    throw new Error('RIM_TEST_STACK=containers but no Docker engine answers (DOCKER_HOST or /var/run/docker.sock)');
  }
  return engine ? 'containers' : 'local';
}
