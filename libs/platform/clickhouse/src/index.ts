export * from './sql-escape';
export * from './clickhouse.client';
export * from './clickhouse.migrator';
export * from './clickhouse-migration.lock';
