import type { DataSourceOptions } from 'typeorm';
import { ConfigOutboxEntity } from './entities/config-outbox.entity';
import { KeyEntity } from './entities/key.entity';
import { ProviderSettingEntity } from './entities/provider-setting.entity';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';
import { KeyLimits1764000000001 } from './migrations/1764000000001-key-limits';

export const ENTITIES = [KeyEntity, ProviderSettingEntity, ConfigOutboxEntity];
// Numbered, hand-written migrations; schema sync is never used.
export const MIGRATIONS = [InitialSchema1764000000000, KeyLimits1764000000001];

export function dataSourceOptions(url: string, opts: { runMigrations: boolean }): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: opts.runMigrations,
    // Concurrent boots (several replicas) take turns: TypeORM holds an advisory lock per migration run.
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: 10, connectionTimeoutMillis: 5_000 },
  };
}
