import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigValidationError, loadConfig } from './load-config';
import { ClickHouseEnv, DatabaseEnv, KafkaEnv, port } from './env-schemas';

const Schema = DatabaseEnv.extend(KafkaEnv.shape)
  .extend(ClickHouseEnv.shape)
  .extend({ PORT: port(8002) });

describe(loadConfig.name, () => {
  it('applies documented defaults when nothing is set', () => {
    const config = loadConfig(Schema, {});
    expect(config.PORT).toBe(8002);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(config.DATABASE_URL).toBe('postgres://tollgate:tollgate@127.0.0.1:5432/tollgate');
    expect(config.CLICKHOUSE_DATABASE).toBe('tollgate');
  });

  it('names the bad variable', () => {
    expect(() => loadConfig(Schema, { PORT: 'eighty' })).toThrowError(/PORT/);
    expect(() => loadConfig(Schema, { DATABASE_URL: 'mysql://x' })).toThrowError(/DATABASE_URL/);
    expect(() => loadConfig(Schema, { KAFKA_BROKERS: 'no-port' })).toThrowError(/KAFKA_BROKERS/);
    expect(() => loadConfig(Schema, { CLICKHOUSE_DATABASE: 'a;drop' })).toThrowError(/CLICKHOUSE_DATABASE/);
  });

  it('names a missing required variable', () => {
    const Required = z.object({ ADMIN_PASS: z.string().min(1) });
    expect(() => loadConfig(Required, {})).toThrowError(/ADMIN_PASS/);
  });

  it('reports every problem at once and never echoes the value', () => {
    try {
      loadConfig(Schema, { PORT: '0', DATABASE_URL: 'secret-value-not-a-url' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      const message = (error as ConfigValidationError).message;
      expect((error as ConfigValidationError).problems).toHaveLength(2);
      expect(message).not.toContain('secret-value-not-a-url');
    }
  });
});
