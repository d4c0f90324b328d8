import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { demoToken, gatewayCall } from './demo-gateway';

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
    const body = await gatewayCall(gatewayUrl, REGISTER, { input }, await demoToken(issuer, username));
    const error = body.errors?.[0];
    if (!error) created++;
    else if (error.extensions?.code !== 'CONFLICT') throw new Error(`seeding ${input.legalName}: ${error.message}`);
  }
  log(`demo territory: ${created} organisations registered, ${file.organisations.length - created} already there`);
  return file.organisations.length;
}
