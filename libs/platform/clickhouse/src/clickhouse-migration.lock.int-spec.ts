import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, describe, expect, it } from 'vitest';
import { infraEnv, uniqueSuffix } from '@tollgate/testing';
import { createClickHouse, ensureDatabase } from './clickhouse.client';
import { MIGRATION_LOCK_TABLE } from './clickhouse-migration.lock';
import { migrateClickHouse, readMigrations } from './clickhouse.migrator';

const INGESTER_MIGRATIONS = join(import.meta.dirname, '../../../../apps/analytics-ingester/migrations');

// Two analytics-ingesters starting together on a fresh database: their migration runs take turns.
describe('ClickHouse migrations run concurrently (real server)', () => {
  const clients: ClickHouseClient[] = [];
  const databases: string[] = [];

  const freshDatabase = async (clientCount: number) => {
    const database = `tollgate_int_chlock_${uniqueSuffix()}`;
    databases.push(database);
    await ensureDatabase({ url: infraEnv.clickhouseUrl, database });
    const created = Array.from({ length: clientCount }, () =>
      createClickHouse({ url: infraEnv.clickhouseUrl, database }),
    );
    clients.push(...created);
    return created;
  };
  const rows = async <T>(client: ClickHouseClient, query: string) =>
    (await client.query({ query, format: 'JSONEachRow' })).json<T>();

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    const admin = createClickHouse({ url: infraEnv.clickhouseUrl, database: 'default' });
    for (const database of databases) await admin.command({ query: `DROP DATABASE IF EXISTS ${database}` });
    await admin.close();
  });

  it('applies every migration once when two runs start at the same moment', async () => {
    const [a, b] = await freshDatabase(2);
    if (!a || !b) throw new Error('two clients');
    const all = (await readMigrations(INGESTER_MIGRATIONS)).map((m) => m.name);

    const runs = await Promise.all([
      migrateClickHouse(a, INGESTER_MIGRATIONS),
      migrateClickHouse(b, INGESTER_MIGRATIONS),
    ]);

    expect(runs.map((ran) => ran.length).sort((x, y) => x - y)).toEqual([0, all.length]);
    const recorded = await rows<{ name: string; n: number | string }>(
      a,
      'SELECT name, count() AS n FROM schema_migrations GROUP BY name ORDER BY name',
    );
    expect(recorded.map((r) => [r.name, Number(r.n)])).toEqual(all.map((name) => [name, 1]));
    const columns = await rows<{ name: string }>(
      a,
      "SELECT name FROM system.columns WHERE database = currentDatabase() AND table = 'request_events' AND name = 'request_content_type'",
    );
    expect(columns).toHaveLength(1);
    const lock = await rows(a, `EXISTS TABLE ${MIGRATION_LOCK_TABLE}`);
    expect(lock).toEqual([{ result: 0 }]);
  });

  it('waits for a lock that is held, and breaks one older than its lease (a process that died migrating)', async () => {
    const [client] = await freshDatabase(1);
    if (!client) throw new Error('a client');
    await client.command({ query: `CREATE TABLE ${MIGRATION_LOCK_TABLE} (held UInt8) ENGINE = TinyLog` });

    await expect(
      migrateClickHouse(client, INGESTER_MIGRATIONS, { leaseMs: 60_000, timeoutMs: 1_500, pollMs: 100 }),
    ).rejects.toThrow(/not free after 1500 ms/);

    const started = Date.now();
    expect(await migrateClickHouse(client, INGESTER_MIGRATIONS, { leaseMs: 1_000, pollMs: 100 })).toContain(
      '0001_request_events',
    );
    // Broken once it is more than a second old (ClickHouse stamps tables to the second).
    expect(Date.now() - started).toBeLessThan(5_000);
    const stale = await rows<{ name: string }>(
      client,
      `SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE '${MIGRATION_LOCK_TABLE}_stale_%'`,
    );
    expect(stale).toHaveLength(1);
  });
});
