import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '@rim/config';
import { composeSupergraph, CompositionError } from '@rim/supergraph';
import { loadGatewayConfig } from './gateway.config';
import { startGateway } from './gateway.server';
import { readCommittedSubgraphs, subgraphUrl } from '@rim/supergraph';

const WORKSPACE_ROOT = resolve(__dirname, '../../..');

async function main(): Promise<void> {
  let config;
  try {
    config = loadGatewayConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  let supergraph: string;
  // Subgraph URLs are deployment wiring, read here at the entry point with the rest of the config.
  const subgraphs = readCommittedSubgraphs(WORKSPACE_ROOT, (name) => subgraphUrl(name, process.env));
  try {
    supergraph = config.SUPERGRAPH_FILE ? readFileSync(config.SUPERGRAPH_FILE, 'utf8') : composeSupergraph(subgraphs);
  } catch (error) {
    if (error instanceof CompositionError) {
      console.error(`gateway: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const gateway = await startGateway(config, supergraph, subgraphs.map(({ name, url }) => ({ name, url })));
  console.log(`gateway listening on ${gateway.url}`);
  const shutdown = () => {
    gateway.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

void main();
