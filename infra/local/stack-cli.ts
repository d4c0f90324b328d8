/**
 * Runs the local stack in the foreground until Ctrl-C:
 *   node_modules/.bin/node -r @swc-node/register infra/local/stack-cli.ts up --profile dev [--topic a.b.v1 ...]
 * Topics default to the TOPICS env var (comma-separated).
 *
 * Or creates the platform's topics on a broker started some other way (docker-compose.yml):
 *   node_modules/.bin/node -r @swc-node/register infra/local/stack-cli.ts topics --brokers 127.0.0.1:19092
 */
import { ALL_TOPICS } from '@rim/contracts';
import { ensureTopics, installShutdownHooks, startLocalStack, type Profile } from './stack';

function usage(): never {
  console.error('usage: stack-cli.ts up [--profile dev|test] [--topic <name>]... [--service <db>]...\n       stack-cli.ts topics [--brokers host:port,...]  (default KAFKA_BROKERS)');
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'topics') {
    // A one-shot step (docker-compose.yml runs it before the services): never hang silently.
    setTimeout(() => {
      console.error('[topics] gave up after 180 s: is Kafka reachable on the brokers given?');
      process.exit(1);
    }, 180_000).unref();
    const brokers = (argv[1] === '--brokers' ? argv[2] : process.env.KAFKA_BROKERS)?.split(',').filter(Boolean);
    if (!brokers?.length) usage();
    await ensureTopics(brokers, [...ALL_TOPICS, ...(process.env.TOPICS ?? '').split(',').filter(Boolean)], (l) => console.log(`[topics] ${l}`));
    console.log(`[topics] ${ALL_TOPICS.length} platform topics present on ${brokers.join(',')}`);
    process.exit(0);
  }
  if (argv[0] !== 'up') usage();
  let profile: Profile = 'dev';
  const topics = (process.env.TOPICS ?? '').split(',').filter(Boolean);
  const services: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--profile' && (v === 'dev' || v === 'test')) profile = v;
    else if (a === '--topic' && v) topics.push(v);
    else if (a === '--service' && v) services.push(v);
    else usage();
    i++;
  }
  installShutdownHooks();
  const stack = await startLocalStack({ profile, topics, services: services.length ? services : undefined });
  console.log(
    [
      '',
      `  Postgres  ${stack.postgres.urlFor('directory')}  (one database per service)`,
      `  Kafka     ${stack.kafka.brokers.join(',')}`,
      `  Keycloak  ${stack.keycloak.url}  (admin ${stack.keycloak.adminUser}/${stack.keycloak.adminPassword})`,
      `  Issuer    ${stack.keycloak.issuer}`,
      `  pids      ${stack.pids.join(' ')}`,
      '',
      'Ctrl-C to stop.',
    ].join('\n'),
  );
  // stay alive until a signal; the shutdown hook stops the stack and exits
  setInterval(() => undefined, 1 << 30);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
