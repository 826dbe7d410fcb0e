// Addresses of the real services the integration and e2e tests use; the same defaults as scripts/infra.
export const infraEnv = {
  databaseUrl: process.env['DATABASE_URL'] ?? 'postgres://tollgate:tollgate@127.0.0.1:5432/tollgate',
  redisUrl: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  kafkaBrokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
  clickhouseUrl: process.env['CLICKHOUSE_URL'] ?? 'http://127.0.0.1:8123',
  clickhouseDatabase: process.env['CLICKHOUSE_DATABASE'] ?? 'tollgate',
  // The same broker's TLS + SASL PLAIN listener (scripts/infra starts it with a self-signed certificate and
  // test-only credentials), as a managed Kafka's: the services' KAFKA_SSL* and KAFKA_SASL_* settings.
  kafkaSaslSsl: {
    brokers: [`127.0.0.1:${process.env['KAFKA_SASL_SSL_PORT'] ?? '9094'}`],
    caFile: `${process.env['TOLLGATE_STATE_DIR'] ?? '/var/tmp/tollgate'}/kafka/tls/ca.pem`,
    username: process.env['KAFKA_TEST_SASL_USERNAME'] ?? 'tollgate-test',
    password: process.env['KAFKA_TEST_SASL_PASSWORD'] ?? 'tollgate-test-only-password',
  },
};

// A per-run suffix keeps test databases, topics and groups apart between runs.
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}
