/**
 * Writes a synthetic territory straight into the directory's database, for load tests at a scale
 * the GraphQL API would take hours to fill (`npm run bench -- directory-search`):
 *
 *   DIRECTORY_DATABASE_URL=postgres://... node -r @swc-node/register services/directory/src/seed/bulk-load/main.ts <count> [seed]
 *
 * A second entry point of the directory rather than an import, so that bench/ drives the service
 * from outside like any other tool. The schema must exist (the directory has run its migrations).
 * No events: the organisations exist for search, not for the services that learn from directory events.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { directoryEntities } from '../../entities';
import { generateTerritory } from '../territory-generator';
import { writeTerritory } from '../territory-writer';

async function main(argv: string[]): Promise<void> {
  const url = process.env.DIRECTORY_DATABASE_URL;
  const count = Number(argv[0]);
  const seed = argv[1] === undefined ? undefined : Number(argv[1]);
  if (!url || !Number.isInteger(count) || count < 1 || (seed !== undefined && !Number.isInteger(seed))) {
    throw new Error('usage: DIRECTORY_DATABASE_URL=... bulk-load/main.ts <count ≥ 1> [integer seed]');
  }
  const territory = generateTerritory(count, seed);
  const dataSource = new DataSource({ type: 'postgres', url, entities: directoryEntities });
  await dataSource.initialize();
  try {
    const t0 = Date.now();
    await writeTerritory(dataSource, territory);
    console.log(`bulk-load: ${territory.organisations.length} organisations written in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`bulk-load: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
