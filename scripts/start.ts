/**
 * `npm start`: the whole platform on this machine, no Docker. Brings up the local stack (embedded
 * Postgres, Kafka and Keycloak from Maven Central), starts every service and the gateway (each
 * service runs its migrations), seeds the demo territory, prints the URLs, demo logins, start-up
 * time and peak memory, and stops everything on Ctrl-C. Every service and every part of the stack
 * is supervised (scripts/lib/supervisor.ts): one that exits is restarted with backoff, each change
 * is printed with a status line of every component, and a crash loop is left down with its log's tail.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ALL_TOPICS } from '@rim/contracts';
import { installShutdownHooks, startLocalStack, stateDirFor } from '@rim/local-stack';
import { MemorySampler } from './lib/memory-sampler';
import { launchPortal, launchService, PLATFORM_PORTS, platformServices, platformSpecs } from './lib/service-launcher';
import { Supervisor, superviseStack } from './lib/supervisor';
import { seedDemo } from './seed';

const ROOT = resolve(__dirname, '..');
const log = (line: string) => console.log(`[start] ${line}`);

async function main(): Promise<void> {
  const t0 = Date.now();
  const memory = new MemorySampler(() => [process.pid]).start();
  const supervisor = new Supervisor({ print: (line) => console.log(line) });
  const stopStack = installShutdownHooks();
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping services and the local stack...');
    await supervisor.stop();
    await stopStack();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    const stack = await startLocalStack({ profile: 'dev', topics: [...ALL_TOPICS] });
    const tStack = Date.now();
    memory.sample();
    const logDir = join(stateDirFor('dev'), 'logs');
    await superviseStack(supervisor, stack.components);
    log('starting services (each applies its migrations)...');
    const specs = platformSpecs(
      { databaseUrlFor: stack.postgres.urlFor, kafkaBrokers: stack.kafka.brokers, oidcIssuer: stack.keycloak.issuer },
      PLATFORM_PORTS.dev,
      { nodeEnv: 'development', logDir, writeSchemas: true, serviceEnv: { directory: { DEMO_SEED_ORGANISATIONS: '300' } } },
    );
    // Started one by one: on two cores, parallel boots are not faster and their logs interleave.
    for (const spec of specs) {
      await supervisor.add({ name: spec.name, logFile: join(logDir, `${spec.name}.log`), start: () => launchService(spec, logDir) });
    }
    const portal = { url: `http://127.0.0.1:${PLATFORM_PORTS.dev.portal}` };
    await supervisor.add({
      name: 'portal',
      logFile: join(logDir, 'portal.log'),
      start: () => launchPortal({ oidcIssuer: stack.keycloak.issuer }, PLATFORM_PORTS.dev, { nodeEnv: 'development', logDir }),
    });
    const gatewayUrl = `http://127.0.0.1:${PLATFORM_PORTS.dev.gateway}/graphql`;
    await seedDemo(gatewayUrl, stack.keycloak.issuer, log);
    const ready = Date.now();
    memory.sample();

    const users = JSON.parse(readFileSync(join(ROOT, 'infra/keycloak/demo-users.json'), 'utf8')) as Array<{
      username: string;
      password: string;
      roles: string[];
      orgName?: string;
    }>;
    const lines = [
      '',
      'Regional industry marketplace is up.',
      '',
      `  Map page (atlas)  ${portal.url}/  (sign in as eve / demo to see every indicator)`,
      `  GraphQL gateway   ${gatewayUrl}`,
      ...platformServices(PLATFORM_PORTS.dev).map(
        ({ name, port }) => `  ${name.padEnd(18)}http://127.0.0.1:${port}/graphql (subgraph; tokens checked here too)`,
      ),
      `  Keycloak          ${stack.keycloak.url}/admin  (admin: ${stack.keycloak.adminUser} / ${stack.keycloak.adminPassword}, local demo only)`,
      `  token endpoint    ${stack.keycloak.issuer}/protocol/openid-connect/token  (client_id=marketplace-tests)`,
      `  Kafka             ${stack.kafka.brokers.join(',')}`,
      `  PostgreSQL        ${stack.postgres.urlFor('directory').replace(/:[^:@/]+@/, ':***@')}`,
      `  logs              ${logDir}`,
      '',
      '  Demo logins (password "demo", local demo only):',
      ...users.map((u) => `    ${u.username.padEnd(6)} ${u.roles.join('+').padEnd(18)} ${u.orgName ?? ''}`),
      '',
      '  Try:  curl -s http://127.0.0.1:4000/graphql -H "content-type: application/json" \\',
      `          -d '{"query":"{ organisations { edges { node { legalName siren tier } } } }"}'`,
      '',
      `  Started in ${((ready - t0) / 1000).toFixed(1)} s (stack ${((tStack - t0) / 1000).toFixed(1)} s, services and seed ${((ready - tStack) / 1000).toFixed(1)} s); peak memory ${(memory.peakKiB / 1024).toFixed(0)} MiB (RSS of every process started).`,
      `  Supervised: ${supervisor.statusLine()}`,
      '    (a component that exits is restarted with backoff; a crash loop is left down with its log)',
      '  Ctrl-C stops everything.',
      '',
    ];
    console.log(lines.join('\n'));
    if (process.env.START_EXIT_WHEN_READY === '1') await shutdown(0);
  } catch (error) {
    console.error(`[start] failed: ${(error as Error).message}`);
    await shutdown(1);
  }
}

void main();
