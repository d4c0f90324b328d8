import { ConfigError } from '@rim/config';
import { loadPortalConfig } from './portal.config';
import { startPortal } from './portal.server';

async function main(): Promise<void> {
  let config;
  try {
    config = loadPortalConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const portal = await startPortal(config);
  console.log(`portal listening on ${portal.url} (atlas at ${config.ATLAS_URL}, issuer ${config.OIDC_ISSUER})`);
  const shutdown = () => {
    portal.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

void main();
