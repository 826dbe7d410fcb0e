import type { DataSourceOptions } from 'typeorm';
import { CONFIG_ENTITIES, CONFIG_MIGRATIONS } from '@tollgate/config-entities';

export function dataSourceOptions(url: string, opts: { runMigrations: boolean }): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: CONFIG_ENTITIES,
    migrations: CONFIG_MIGRATIONS,
    migrationsRun: opts.runMigrations,
    // Concurrent boots (several replicas) take turns: TypeORM holds an advisory lock per migration run.
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: 10, connectionTimeoutMillis: 5_000 },
  };
}
