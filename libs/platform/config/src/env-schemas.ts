import { z } from 'zod';

// Reusable pieces of service configuration; each service composes the ones it needs.

export const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const urlWithProtocols = (protocols: readonly string[], fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      { message: `must be a URL starting with ${protocols.join(' or ')}//` },
    );

export const DatabaseEnv = z.object({
  DATABASE_URL: urlWithProtocols(
    ['postgres:', 'postgresql:'],
    'postgres://tollgate:tollgate@127.0.0.1:5432/tollgate',
  ),
});

export const RedisEnv = z.object({
  REDIS_URL: urlWithProtocols(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
});

export const KafkaEnv = z.object({
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((value) => value.split(',').map((broker) => broker.trim()))
    .refine((brokers) => brokers.every((broker) => /^[^:\s]+:\d{1,5}$/.test(broker)), {
      message: 'must be a comma-separated list of host:port',
    }),
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
  // A managed Kafka's listener: TLS (KAFKA_SSL=true; KAFKA_SSL_CA_FILE, a PEM bundle to trust instead of the
  // system's CAs) and SASL (PLAIN or SCRAM, with a username and password). All unset: plaintext, no auth.
  KAFKA_SSL: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  KAFKA_SSL_CA_FILE: z.string().min(1).optional(),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
});

export const ClickHouseEnv = z.object({
  CLICKHOUSE_URL: urlWithProtocols(['http:', 'https:'], 'http://127.0.0.1:8123'),
  CLICKHOUSE_DATABASE: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier')
    .default('tollgate'),
});

export const LogEnv = z.object({
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  // How long graceful shutdown waits for in-flight work before giving up.
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
});
