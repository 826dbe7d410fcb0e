import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_MIGRATIONS } from '@tollgate/config-entities';
import { infraEnv, uniqueSuffix, withPg } from '@tollgate/testing';
import { dataSourceOptions } from './data-source.options';
import { runMigrationsLocked } from './migration-lock';

// Two config-admin replicas booting together on an empty database: each runs its migrations through the lock.
describe(runMigrationsLocked.name, () => {
  const database = `tollgate_int_miglock_${uniqueSuffix()}`;
  const url = Object.assign(new URL(infraEnv.databaseUrl), { pathname: `/${database}` }).toString();
  const sources: DataSource[] = [];

  beforeAll(async () => {
    await withPg(infraEnv.databaseUrl, (pg) => pg.query(`CREATE DATABASE ${database}`));
  });

  afterAll(async () => {
    await Promise.all(sources.map((s) => s.destroy()));
    await withPg(infraEnv.databaseUrl, (pg) => pg.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  });

  const connect = async () => {
    const source = await new DataSource(dataSourceOptions(url, { runMigrations: false })).initialize();
    sources.push(source);
    return source;
  };

  it('lets two concurrent runs on a fresh database take turns: one migrates, the other finds nothing to do', async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    const runs = await Promise.all([runMigrationsLocked(a), runMigrationsLocked(b)]);

    const all = CONFIG_MIGRATIONS.length;
    expect(runs.map((ran) => ran.length).sort((x, y) => x - y)).toEqual([0, all]);
    const recorded = await withPg(url, (pg) =>
      pg.query<{ name: string; n: string }>('SELECT name, count(*) AS n FROM migrations GROUP BY name'),
    );
    expect(recorded.rows).toHaveLength(all);
    expect(recorded.rows.every((row) => row.n === '1')).toBe(true);
  });

  it('releases the lock: a later run takes it at once and finds nothing pending', async () => {
    const source = await connect();
    expect(await runMigrationsLocked(source)).toEqual([]);
    const held = await withPg(url, (pg) =>
      pg.query(
        "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = $1)",
        [database],
      ),
    );
    expect(held.rows).toHaveLength(0);
  });
});
