/**
 * Seeds the demo territory's organisations, machines, co-delivery and tendering through a running gateway,
 * as `npm start` does after launching the services. For a platform started another way, e.g.
 * docker-compose.yml:
 *   GATEWAY_URL=http://127.0.0.1:4000/graphql OIDC_ISSUER=http://127.0.0.1:18080/realms/marketplace \
 *     node_modules/.bin/node -r @swc-node/register scripts/seed.ts
 * Idempotent: what is already there is left as it is.
 */
import { seedDemoTerritory } from './lib/demo-seed';
import { seedDemoBooking } from './lib/demo-seed-booking';
import { seedDemoLogistics } from './lib/demo-seed-logistics';
import { seedDemoTendering } from './lib/demo-seed-tendering';

/** Every demo seed, in order (booking and logistics act for the territory's organisations). */
export async function seedDemo(gatewayUrl: string, issuer: string, log: (line: string) => void): Promise<void> {
  await seedDemoTerritory(gatewayUrl, issuer, log);
  await seedDemoBooking(gatewayUrl, issuer, log);
  await seedDemoLogistics(gatewayUrl, issuer, log);
  await seedDemoTendering(gatewayUrl, issuer, log);
}

if (require.main === module) {
  const gatewayUrl = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
  const issuer = process.env.OIDC_ISSUER ?? 'http://127.0.0.1:18080/realms/marketplace';
  seedDemo(gatewayUrl, issuer, (line) => console.log(`[seed] ${line}`)).catch((error: unknown) => {
    console.error(`[seed] failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
