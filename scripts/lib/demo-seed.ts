import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

interface DemoOrganisation {
  username: string;
  siren: string;
  legalName: string;
  tradingName: string | null;
  nafCode: string;
  sizeBand: string;
  tier: number;
  description: string;
}

const REGISTER = `mutation Seed($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`;

/**
 * Seeds the demo territory through the gateway, each organisation registered by its own demo user
 * with a real Keycloak token, so the seed exercises the same path (and emits the same events) as
 * a real user. Idempotent: an organisation already registered is left as it is.
 */
export async function seedDemoTerritory(gatewayUrl: string, issuer: string, log: (l: string) => void): Promise<number> {
  const file = JSON.parse(readFileSync(join(ROOT, 'infra/seed/demo-organisations.json'), 'utf8')) as {
    organisations: DemoOrganisation[];
  };
  let created = 0;
  for (const { username, ...input } of file.organisations) {
    const token = await passwordGrant(issuer, username);
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: REGISTER, variables: { input } }),
    });
    const body = (await res.json()) as { errors?: Array<{ message: string; extensions?: { code?: string } }> };
    const error = body.errors?.[0];
    if (!error) created++;
    else if (error.extensions?.code !== 'CONFLICT') throw new Error(`seeding ${input.legalName}: ${error.message}`);
  }
  log(`demo territory: ${created} organisations registered, ${file.organisations.length - created} already there`);
  return file.organisations.length;
}

async function passwordGrant(issuer: string, username: string): Promise<string> {
  const res = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'marketplace-tests', username, password: 'demo' }),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`no token for demo user ${username}: ${body.error_description ?? res.status}`);
  return body.access_token;
}
