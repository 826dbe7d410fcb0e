import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { withMigrationLock, type MigrationLockOptions } from './clickhouse-migration.lock';

export interface MigrationFile {
  version: number;
  name: string;
  statements: string[];
}

// Migration files are NNNN_name.sql; statements end with ';' at the end of a line.
export async function readMigrations(dir: string): Promise<MigrationFile[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(join(dir, file), 'utf8');
      const statements = text
        .split(/;\s*$/m)
        .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
        .filter(Boolean);
      return { version: Number(file.slice(0, 4)), name: file.replace(/\.sql$/, ''), statements };
    }),
  );
}

// ClickHouse has no transactions, so each statement should be idempotent (IF NOT EXISTS); a migration is
// recorded only after all its statements ran, and a half-applied one simply runs again. Runs take turns under
// a lock (several ingesters may start at once), so what is pending is read inside it.
export async function migrateClickHouse(
  client: ClickHouseClient,
  dir: string,
  lock: MigrationLockOptions = {},
): Promise<string[]> {
  return withMigrationLock(client, () => migratePending(client, dir), lock);
}

async function migratePending(client: ClickHouseClient, dir: string): Promise<string[]> {
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, name String, applied_at DateTime)
            ENGINE = MergeTree() ORDER BY version`,
  });
  const result = await client.query({
    query: 'SELECT version FROM schema_migrations',
    format: 'JSONEachRow',
  });
  const applied = new Set((await result.json<{ version: number | string }>()).map((r) => Number(r.version)));
  const ran: string[] = [];
  for (const migration of await readMigrations(dir)) {
    if (applied.has(migration.version)) continue;
    for (const statement of migration.statements) {
      await client.command({ query: statement });
    }
    await client.insert({
      table: 'schema_migrations',
      values: [
        { version: migration.version, name: migration.name, applied_at: Math.floor(Date.now() / 1000) },
      ],
      format: 'JSONEachRow',
    });
    ran.push(migration.name);
  }
  return ran;
}
