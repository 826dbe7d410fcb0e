// Addresses of the real services the integration and e2e tests use; the same defaults as scripts/infra.
export const infraEnv = {
  databaseUrl: process.env['DATABASE_URL'] ?? 'postgres://tollgate:tollgate@127.0.0.1:5432/tollgate',
  redisUrl: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  kafkaBrokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
  clickhouseUrl: process.env['CLICKHOUSE_URL'] ?? 'http://127.0.0.1:8123',
  clickhouseDatabase: process.env['CLICKHOUSE_DATABASE'] ?? 'tollgate',
};

// A per-run suffix keeps test databases, topics and groups apart between runs.
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}
