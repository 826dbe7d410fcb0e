import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@clickhouse/client';
import type { TestProject } from 'vitest/node';
import { infraEnv, uniqueSuffix, withPg } from '@tollgate/testing';
import './gateway-env';
import { E2E_ADMIN_PASS } from './admin-api';
import { COMPAT_ADMIN_ORIGIN } from './compat-env';
import { OtlpReceiver } from './otlp-receiver';
import { ServiceProcess } from './service-process';

// Starts the five built services against the real infrastructure (started by `make infra-up`), each run
// with its own PostgreSQL and ClickHouse databases so runs never see each other's rows.
export default async function setup(project: TestProject) {
  const suffix = uniqueSuffix();
  const pgDatabase = `tollgate_e2e_${suffix}`;
  const chDatabase = `tollgate_e2e_${suffix}`;
  const databaseUrl = withDatabase(infraEnv.databaseUrl, pgDatabase);
  await withPg(infraEnv.databaseUrl, (pg) => pg.query(`CREATE DATABASE ${pgDatabase}`));
  // The services export their spans here (tracing.e2e.ts follows one request across all of them).
  const receiver = new OtlpReceiver();
  const otlpUrl = await receiver.start();

  const serviceEnv: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: infraEnv.redisUrl,
    // Through the broker's TLS + SASL listener, as to a managed Kafka (the tests' own clients use plaintext).
    KAFKA_BROKERS: infraEnv.kafkaSaslSsl.brokers.join(','),
    KAFKA_SSL: 'true',
    KAFKA_SSL_CA_FILE: infraEnv.kafkaSaslSsl.caFile,
    KAFKA_SASL_MECHANISM: 'plain',
    KAFKA_SASL_USERNAME: infraEnv.kafkaSaslSsl.username,
    KAFKA_SASL_PASSWORD: infraEnv.kafkaSaslSsl.password,
    CLICKHOUSE_URL: infraEnv.clickhouseUrl,
    CLICKHOUSE_DATABASE: chDatabase,
    SHUTDOWN_TIMEOUT_MS: '10000',
    SECRETS_MASTER_KEY: randomBytes(32).toString('hex'),
    ADMIN_PASS: E2E_ADMIN_PASS,
    // The fake upstreams listen on loopback, which config-admin refuses as a provider url unless allowed.
    UPSTREAM_ALLOW_HOSTS: '127.0.0.1',
    // A spool of this run's own: events spooled by an earlier run never leak into this one.
    USAGE_SPOOL_DIR: join(tmpdir(), `tollgate-e2e-spool-${suffix}`),
    OTEL_SDK_DISABLED: 'false',
    // One browser origin allowed on the admin API, for the CORS checks of the compatibility suite.
    ADMIN_CORS_ORIGINS: COMPAT_ADMIN_ORIGIN,
    OTEL_EXPORTER_OTLP_ENDPOINT: otlpUrl,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_BSP_SCHEDULE_DELAY: '200',
  };
  const ports = {
    'config-admin': 18001,
    'proxy-edge': 18002,
    'auth-limit': 18003,
    'pii-redaction': 18004,
    'analytics-ingester': 18005,
  };
  const portEnv = {
    CONFIG_ADMIN_PORT: String(ports['config-admin']),
    PROXY_EDGE_PORT: String(ports['proxy-edge']),
    AUTH_LIMIT_PORT: String(ports['auth-limit']),
    PII_REDACTION_PORT: String(ports['pii-redaction']),
    ANALYTICS_INGESTER_PORT: String(ports['analytics-ingester']),
    // proxy-edge scans prompts of keys with a PII policy on this run's pii-redaction.
    PII_REDACTION_URL: `http://127.0.0.1:${ports['pii-redaction']}`,
  };

  // proxy-edge's own metrics port, next to the five (extra instances a test starts derive theirs from their
  // proxy port, docs/adr/0021).
  const proxyMetricsPort = 18006;
  const proxyMetricsEnv = { PROXY_EDGE_METRICS_PORT: String(proxyMetricsPort) };

  const all: ServiceProcess[] = [];
  try {
    // config-admin migrates PostgreSQL first; the others read or write what it creates.
    const admin = new ServiceProcess('config-admin', ports['config-admin'], { ...serviceEnv, ...portEnv });
    all.push(admin.start());
    await admin.waitReady();
    for (const name of ['proxy-edge', 'auth-limit', 'pii-redaction', 'analytics-ingester'] as const) {
      const env = { ...serviceEnv, ...portEnv, ...(name === 'proxy-edge' ? proxyMetricsEnv : {}) };
      all.push(new ServiceProcess(name, ports[name], env).start());
    }
    await Promise.all(all.map((s) => s.waitReady()));
  } catch (error) {
    // No teardown runs when setup fails: stop what did start, so no process outlives the run.
    await Promise.all(all.map((s) => s.stop()));
    await receiver.stop();
    throw error;
  }

  project.provide('gateway', {
    adminUrl: `http://127.0.0.1:${ports['config-admin']}`,
    proxyUrl: `http://127.0.0.1:${ports['proxy-edge']}`,
    databaseUrl,
    clickhouseDatabase: chDatabase,
    serviceEnv,
    // GET /metrics: on each service's own port, proxy-edge's on its metrics port.
    metricsUrls: {
      ...Object.fromEntries(
        Object.entries(ports).map(([name, port]) => [name, `http://127.0.0.1:${port}/metrics`]),
      ),
      'proxy-edge': `http://127.0.0.1:${proxyMetricsPort}/metrics`,
    } as Record<keyof typeof ports, string>,
    otlpUrl,
  });

  return async () => {
    const codes = await Promise.all(all.map((s) => s.stop()));
    await receiver.stop();
    codes.forEach((code, i) => {
      if (code !== 0) console.error(`${all[i]?.name} exited with ${code}:\n${all[i]?.tail()}`);
    });
    // Nothing secret may reach a log line: the tests' gateway keys (tg-…) and provider secrets (sk-…, tok-…).
    const leaks = all.flatMap((s) => [...s.secretsSeen].map((m) => `${s.name}: ${m}`));
    await withPg(infraEnv.databaseUrl, (pg) =>
      pg.query(`DROP DATABASE IF EXISTS ${pgDatabase} WITH (FORCE)`),
    );
    const ch = createClient({ url: infraEnv.clickhouseUrl });
    await ch.command({ query: `DROP DATABASE IF EXISTS ${chDatabase}` });
    await ch.close();
    // Vitest ignores errors thrown by a teardown, so these checks fail the run through the exit code.
    if (leaks.length > 0) fail(`secrets in service logs: ${[...new Set(leaks)].join(', ')}`);
    if (codes.some((code) => code !== 0)) fail('a service did not stop gracefully (exit code not 0)');
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function fail(message: string): void {
  console.error(`e2e teardown check failed: ${message}`);
  process.exitCode = 1;
}
