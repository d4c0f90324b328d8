import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { required } from './test-env';

/**
 * Creates an empty database on the test server for one test file, so suites never share state.
 *
 * @example
 * const db = await createScratchDatabase('messaging');
 * // ... new DataSource({ url: db.url, ... })
 * await db.drop();
 */
export async function createScratchDatabase(prefix: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const admin = new URL(required('DATABASE_URL'));
  const name = `${prefix.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const c = new Client({ connectionString: admin.toString() });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
