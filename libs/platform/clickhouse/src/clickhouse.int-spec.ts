import { join } from 'node:path';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { infraEnv, uniqueSuffix } from '@tollgate/testing';
import { createClickHouse, ensureDatabase } from './clickhouse.client';
import { migrateClickHouse } from './clickhouse.migrator';
import { identifier, sql, sqlString } from './sql-escape';

const database = `tollgate_int_${uniqueSuffix()}`;
const options = { url: infraEnv.clickhouseUrl, database };

describe('ClickHouse (real server)', () => {
  let client: ClickHouseClient;

  beforeAll(async () => {
    await ensureDatabase(options);
    client = createClickHouse(options);
  });

  afterAll(async () => {
    await client.command({ query: `DROP DATABASE IF EXISTS ${database}` });
    await client.close();
  });

  describe('sqlString', () => {
    it.each([
      "o'brien",
      'back\\slash',
      "\\'; DROP DATABASE default; --",
      'tab\there\nnewline\r',
      'nul\0byte',
      'ünïcødé ✓ 🚀',
      "''''",
      '\\\\\\',
    ])('round-trips %j through the server unchanged', async (value) => {
      const result = await client.query({ query: `SELECT ${sqlString(value)} AS v`, format: 'JSONEachRow' });
      expect(await result.json<{ v: string }>()).toEqual([{ v: value }]);
    });

    it('keeps a hostile value inside its literal in a WHERE clause', async () => {
      await client.command({
        query: 'CREATE TABLE IF NOT EXISTS esc (k String) ENGINE = MergeTree() ORDER BY k',
      });
      await client.insert({
        table: 'esc',
        values: [{ k: 'a' }, { k: "x' OR '1'='1" }],
        format: 'JSONEachRow',
      });
      const hostile = "x' OR '1'='1";
      const query = sql`SELECT k FROM ${identifier('esc')} WHERE k = ${hostile}`;
      const result = await client.query({ query: query.text, format: 'JSONEachRow' });
      expect(await result.json<{ k: string }>()).toEqual([{ k: hostile }]);
    });
  });

  describe(migrateClickHouse.name, () => {
    const dir = join(import.meta.dirname, '__fixtures__/migrations');

    it('applies numbered migrations in order, once', async () => {
      expect(await migrateClickHouse(client, dir)).toEqual(['0001_create_probe', '0002_seed_probe']);
      expect(await migrateClickHouse(client, dir)).toEqual([]);
      const rows = await client.query({
        query: 'SELECT count() AS n FROM probe_copy',
        format: 'JSONEachRow',
      });
      expect(await rows.json<{ n: number }>()).toEqual([{ n: 2 }]);
    });

    it('runs the analytics schema on this server', async () => {
      // A database of its own: migration versions are per database.
      const analyticsOptions = { url: infraEnv.clickhouseUrl, database: `${database}_analytics` };
      await ensureDatabase(analyticsOptions);
      const analytics = createClient(analyticsOptions);
      try {
        const ingesterMigrations = join(
          import.meta.dirname,
          '../../../../apps/analytics-ingester/migrations',
        );
        expect(await migrateClickHouse(analytics, ingesterMigrations)).toContain('0001_request_events');
        const tables = await analytics.query({ query: 'SHOW TABLES', format: 'JSONEachRow' });
        expect(await tables.json<{ name: string }>()).toContainEqual({ name: 'request_events' });
      } finally {
        await analytics.command({ query: `DROP DATABASE IF EXISTS ${analyticsOptions.database}` });
        await analytics.close();
      }
    });
  });
});
