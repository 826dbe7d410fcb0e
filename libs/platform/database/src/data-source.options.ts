import type { DataSourceOptions } from 'typeorm';
import { CONFIG_ENTITIES, CONFIG_MIGRATIONS } from '@tollgate/config-entities';

export function dataSourceOptions(url: string, opts: { runMigrations: boolean }): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: CONFIG_ENTITIES,
    migrations: CONFIG_MIGRATIONS,
    // TypeORM 1.1.1 takes no lock around a migration run: a service that may boot beside another runs them
    // through runMigrationsLocked instead (DatabaseModule does), and passes runMigrations: false here.
    migrationsRun: opts.runMigrations,
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: 10, connectionTimeoutMillis: 5_000 },
  };
}
