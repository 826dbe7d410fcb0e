import type { DataSource } from 'typeorm';

// Any fixed 64-bit number, the same in every process that migrates this database: "tollgate" in ASCII.
export const MIGRATION_LOCK_ID = '8390880576440853349';

// Runs the pending migrations while holding a session-level PostgreSQL advisory lock, so config-admin
// replicas that boot together take turns: the first migrates, the next finds nothing pending. TypeORM
// 1.1.1 takes no lock itself; two runs at once raced on CREATE TABLE (a unique violation in pg_type).
// The lock is per database and is released with the session if the process dies.
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    try {
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      return ran.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
    }
  } finally {
    await runner.release();
  }
}
