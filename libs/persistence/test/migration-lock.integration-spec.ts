import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createScratchDatabase } from '@rim/testing';
import { openAndMigrate, serviceDataSourceOptions } from '../src/data-source';

/** A migration that is slow enough for two replicas booting together to overlap inside it. */
class SlowCreateTable1700000000001 implements MigrationInterface {
  name = 'SlowCreateTable1700000000001';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('SELECT pg_sleep(0.5)');
    await queryRunner.query('CREATE TABLE replica_race (id int PRIMARY KEY)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE replica_race');
  }
}

function replica(url: string, name: string): DataSource {
  // The control's expected failure would otherwise be printed by TypeORM's error log.
  return new DataSource({
    ...serviceDataSourceOptions({ url, entities: [], migrations: [SlowCreateTable1700000000001], applicationName: name }),
    logging: false,
  });
}

describe('migrations of replicas booting together', () => {
  it('run once, under the advisory lock: both replicas start, one row in the migrations table', async () => {
    const db = await createScratchDatabase('migration_lock');
    const replicas = [replica(db.url, 'replica-a'), replica(db.url, 'replica-b')];
    try {
      const outcomes = await Promise.allSettled(replicas.map((ds) => openAndMigrate(ds)));
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
      const rows = await replicas[0].query(`SELECT name FROM migrations`);
      expect(rows).toEqual([{ name: 'SlowCreateTable1700000000001' }]);
    } finally {
      await Promise.all(replicas.map((ds) => (ds.isInitialized ? ds.destroy() : undefined)));
      await db.drop();
    }
  });

  it('control: without the lock (TypeORM alone) the same boot makes one replica fail', async () => {
    const db = await createScratchDatabase('migration_nolock');
    const replicas = [replica(db.url, 'replica-a'), replica(db.url, 'replica-b')];
    try {
      const outcomes = await Promise.allSettled(
        replicas.map(async (ds) => {
          await ds.initialize();
          await ds.runMigrations({ transaction: 'each' });
        }),
      );
      expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(1);
    } finally {
      await Promise.all(replicas.map((ds) => (ds.isInitialized ? ds.destroy() : undefined)));
      await db.drop();
    }
  });
});
