/**
 * Smoke check of a running local stack (started by stack-cli.ts or startLocalStack):
 *   node_modules/.bin/node -r @swc-node/register infra/local/smoke.ts [dev|test]
 * Lists the Postgres databases, creates + lists a Kafka topic, gets tokens and prints their claims.
 */
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { portsFor, type Profile } from './stack';

const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;

async function token(url: string, clientId: string, username: string): Promise<string> {
  const r = await fetch(`${url}/realms/marketplace/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password: 'demo' }),
  });
  const body = (await r.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token for ${username}@${clientId}: ${JSON.stringify(body)}`);
  return body.access_token;
}

async function main(profile: Profile): Promise<void> {
  const ports = portsFor(profile);
  const pg = new Client({ host: '127.0.0.1', port: ports.postgres, user: 'postgres', password: process.env.STACK_POSTGRES_PASSWORD ?? 'postgres', database: 'postgres' });
  await pg.connect();
  const dbs = (await pg.query<{ datname: string }>('SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY 1')).rows.map((r) => r.datname);
  console.log('postgres databases:', dbs.join(', '), '| server', (await pg.query('SHOW server_version')).rows[0].server_version);
  await pg.end();

  const admin = new Kafka({ clientId: 'smoke', brokers: [`127.0.0.1:${ports.kafka}`], logLevel: logLevel.ERROR }).admin();
  await admin.connect();
  const topic = `smoke.check.v1`;
  await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
  console.log('kafka topics:', (await admin.listTopics()).sort().join(', '));
  await admin.deleteTopics({ topics: [topic] });
  await admin.disconnect();

  const url = `http://127.0.0.1:${ports.keycloak}`;
  const alice = decode(await token(url, 'marketplace-tests', 'alice'));
  const pick = (c: Record<string, unknown>) => ({ iss: c.iss, aud: c.aud, azp: c.azp, org_id: c.org_id, realm_access: c.realm_access, preferred_username: c.preferred_username, lifetime_s: Number(c.exp) - Number(c.iat) });
  console.log('alice@marketplace-tests:', JSON.stringify(pick(alice)));
  const other = decode(await token(url, 'marketplace-other', 'bob'));
  console.log('bob@marketplace-other aud:', JSON.stringify(other.aud));
  const short = await token(url, 'marketplace-tests-short', 'carla');
  console.log('carla@marketplace-tests-short lifetime:', Number(decode(short).exp) - Number(decode(short).iat), 's');
  await new Promise((r) => setTimeout(r, 3000));
  const intro = await fetch(`${url}/realms/marketplace/protocol/openid-connect/userinfo`, { headers: { authorization: `Bearer ${short}` } });
  console.log('userinfo with the short token after 3 s: HTTP', intro.status);
}

main((process.argv[2] as Profile) ?? 'dev').catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
