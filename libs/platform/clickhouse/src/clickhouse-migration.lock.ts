import type { ClickHouseClient } from '@clickhouse/client';

// A mutex for migration runs, made of a table: ClickHouse 18.16 has no locks or transactions, but a
// CREATE TABLE without IF NOT EXISTS succeeds for exactly one of several concurrent callers (the server
// serializes DDL on one table name). The holder drops the table when done. Two analytics-ingesters that
// start together on a fresh database therefore migrate one after the other (before this, the second failed
// on migration 0003's ADD COLUMN and recorded 0002 twice).
export const MIGRATION_LOCK_TABLE = 'schema_migrations_lock';

export interface MigrationLockOptions {
  // A lock older than this is taken to belong to a process that died while migrating, and is broken.
  // Every migration run must finish well within it (ours take milliseconds: DDL on metadata only).
  leaseMs?: number;
  pollMs?: number;
  // How long to wait for the lock before giving up (the service then fails to start and is restarted).
  timeoutMs?: number;
}

const TABLE_ALREADY_EXISTS = '57';
const UNKNOWN_TABLE = '60';

export async function withMigrationLock<T>(
  client: ClickHouseClient,
  work: () => Promise<T>,
  options: MigrationLockOptions = {},
): Promise<T> {
  await acquire(client, {
    leaseMs: options.leaseMs ?? 120_000,
    pollMs: options.pollMs ?? 250,
    timeoutMs: options.timeoutMs ?? 300_000,
  });
  try {
    return await work();
  } finally {
    await client.command({ query: `DROP TABLE IF EXISTS ${MIGRATION_LOCK_TABLE}` });
  }
}

async function acquire(client: ClickHouseClient, options: Required<MigrationLockOptions>): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await tryCreate(client)) return;
    await breakIfStale(client, options.leaseMs);
    if (Date.now() > deadline)
      throw new Error(`ClickHouse migration lock not free after ${options.timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
}

async function tryCreate(client: ClickHouseClient): Promise<boolean> {
  // Looked at first, so that waiting does not fill the log with the client's report of every refused CREATE.
  const exists = await client.query({ query: `EXISTS TABLE ${MIGRATION_LOCK_TABLE}`, format: 'JSONEachRow' });
  const [row] = await exists.json<{ result: number | string }>();
  if (Number(row?.result) === 1) return false;
  try {
    await client.command({ query: `CREATE TABLE ${MIGRATION_LOCK_TABLE} (held UInt8) ENGINE = TinyLog` });
    return true;
  } catch (error) {
    if (errorCode(error) === TABLE_ALREADY_EXISTS) return false;
    throw error;
  }
}

// A stale lock is renamed to a name derived from its creation time: of several processes that saw the same
// stale lock only one rename succeeds, and a late one cannot rename a newer lock (its target name is taken).
// The renamed tables are left in place for that reason (one small empty table per crash during a run).
async function breakIfStale(client: ClickHouseClient, leaseMs: number): Promise<void> {
  const result = await client.query({
    query: `SELECT toUInt32(now()) - toUInt32(metadata_modification_time) AS age,
                   toUInt32(metadata_modification_time) AS since
            FROM system.tables WHERE database = currentDatabase() AND name = '${MIGRATION_LOCK_TABLE}'`,
    format: 'JSONEachRow',
  });
  const [lock] = await result.json<{ age: number | string; since: number | string }>();
  if (!lock || Number(lock.age) * 1000 <= leaseMs) return;
  try {
    await client.command({
      query: `RENAME TABLE ${MIGRATION_LOCK_TABLE} TO ${MIGRATION_LOCK_TABLE}_stale_${Number(lock.since)}`,
    });
  } catch (error) {
    // Another process broke it first (or the holder released it): try again.
    const code = errorCode(error);
    if (code !== TABLE_ALREADY_EXISTS && code !== UNKNOWN_TABLE) throw error;
  }
}

// The client parses the code from current servers' messages only; 18.16 answers "Code: 57, e.displayText() …".
function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) return String(error.code);
  if (error instanceof Error) return /\bCode: (\d+)/.exec(error.message)?.[1];
  return undefined;
}
