import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withBricksEnvAliases } from './bricks-env-aliases';
import { DatabaseEnv, RedisEnv } from './env-schemas';
import { loadConfig } from './load-config';

describe(withBricksEnvAliases.name, () => {
  it('builds DATABASE_URL from the POSTGRESQL_* variables, escaping what BricksLLM did not', () => {
    const env = withBricksEnvAliases({
      POSTGRESQL_HOSTS: 'db.internal,db-replica.internal',
      POSTGRESQL_PORT: '6543',
      POSTGRESQL_USERNAME: 'bricks',
      POSTGRESQL_PASSWORD: 'p&ss#w%rd@1',
      POSTGRESQL_DB_NAME: 'llm',
      POSTGRESQL_SSL_MODE: 'require',
    });
    const url = new URL(env['DATABASE_URL'] ?? '');
    expect(url.hostname).toBe('db.internal');
    expect(url.port).toBe('6543');
    expect(decodeURIComponent(url.username)).toBe('bricks');
    expect(decodeURIComponent(url.password)).toBe('p&ss#w%rd@1');
    expect(url.pathname).toBe('/llm');
    expect(url.searchParams.get('sslmode')).toBe('require');
  });

  it('uses the user name as the database when POSTGRESQL_DB_NAME is empty, and no sslmode for disable', () => {
    const env = withBricksEnvAliases({
      POSTGRESQL_HOSTS: 'localhost',
      POSTGRESQL_USERNAME: 'postgres',
      POSTGRESQL_PASSWORD: 'postgres',
      POSTGRESQL_SSL_MODE: 'disable',
    });
    expect(env['DATABASE_URL']).toBe('postgres://postgres:postgres@localhost:5432/postgres');
  });

  it('builds REDIS_URL from REDIS_HOSTS, REDIS_PORT and REDIS_PASSWORD', () => {
    expect(withBricksEnvAliases({ REDIS_HOSTS: 'cache', REDIS_PORT: '6380' })['REDIS_URL']).toBe(
      'redis://cache:6380',
    );
    const url = new URL(
      withBricksEnvAliases({ REDIS_HOSTS: 'cache', REDIS_PASSWORD: 's:cret' })['REDIS_URL'] ?? '',
    );
    expect(decodeURIComponent(url.password)).toBe('s:cret');
    expect(url.port).toBe('6379');
  });

  it('reads IN_MEMORY_DB_UPDATE_INTERVAL as a Go duration into CONFIG_POLL_INTERVAL_MS', () => {
    expect(withBricksEnvAliases({ IN_MEMORY_DB_UPDATE_INTERVAL: '5s' })['CONFIG_POLL_INTERVAL_MS']).toBe(
      '5000',
    );
    // Unreadable: passed on, so the schema names the variable.
    expect(withBricksEnvAliases({ IN_MEMORY_DB_UPDATE_INTERVAL: 'soon' })['CONFIG_POLL_INTERVAL_MS']).toBe(
      'soon',
    );
  });

  it('lets our own variable win when both are set, and changes nothing without aliases', () => {
    const ours = 'postgres://tollgate:tollgate@127.0.0.1:5432/tollgate';
    expect(withBricksEnvAliases({ DATABASE_URL: ours, POSTGRESQL_HOSTS: 'elsewhere' })['DATABASE_URL']).toBe(
      ours,
    );
    expect(withBricksEnvAliases({ REDIS_URL: 'redis://a:1', REDIS_HOSTS: 'b' })['REDIS_URL']).toBe(
      'redis://a:1',
    );
    expect(withBricksEnvAliases({ LOG_LEVEL: 'warn' })).toEqual({ LOG_LEVEL: 'warn' });
  });

  it('is applied by loadConfig', () => {
    const config = loadConfig(DatabaseEnv.extend(RedisEnv.shape).extend({ X: z.string().default('x') }), {
      POSTGRESQL_HOSTS: 'pg',
      POSTGRESQL_USERNAME: 'u',
      POSTGRESQL_PASSWORD: 'p',
      POSTGRESQL_DB_NAME: 'd',
      REDIS_HOSTS: 'r',
    });
    expect(config.DATABASE_URL).toBe('postgres://u:p@pg:5432/d');
    expect(config.REDIS_URL).toBe('redis://r:6379');
  });
});
