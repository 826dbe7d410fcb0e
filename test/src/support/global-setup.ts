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

const PORTS = {
  'config-admin': 18001,
  'proxy-edge': 18002,
  'auth-limit': 18003,
  'pii-redaction': 18004,
  'analytics-ingester': 18005,
};
// proxy-edge's own metrics port, next to the five (extra instances a test starts derive theirs from their
// proxy port, docs/adr/0021).
const PROXY_METRICS_PORT = 18006;

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
  const serviceEnv = serviceEnvOf({ databaseUrl, chDatabase, otlpUrl, suffix });
  const all = await startServices(serviceEnv).catch(async (error: unknown) => {
    await receiver.stop();
    throw error;
  });

  project.provide('gateway', {
    adminUrl: `http://127.0.0.1:${PORTS['config-admin']}`,
    proxyUrl: `http://127.0.0.1:${PORTS['proxy-edge']}`,
    databaseUrl,
    clickhouseDatabase: chDatabase,
    serviceEnv,
    // GET /metrics: on each service's own port, proxy-edge's on its metrics port.
    metricsUrls: {
      ...Object.fromEntries(
        Object.entries(PORTS).map(([name, port]) => [name, `http://127.0.0.1:${port}/metrics`]),
      ),
      'proxy-edge': `http://127.0.0.1:${PROXY_METRICS_PORT}/metrics`,
    } as Record<keyof typeof PORTS, string>,
    otlpUrl,
  });

  return async () => {
    const codes = await Promise.all(all.map((s) => s.stop()));
    await receiver.stop();
    await dropDatabases(pgDatabase, chDatabase);
    checkServicesEndedClean(all, codes);
  };
}

// What every service of the run is started with (ports apart).
function serviceEnvOf(run: {
  databaseUrl: string;
  chDatabase: string;
  otlpUrl: string;
  suffix: string;
}): Record<string, string> {
  return {
    DATABASE_URL: run.databaseUrl,
    REDIS_URL: infraEnv.redisUrl,
    // Through the broker's TLS + SASL listener, as to a managed Kafka (the tests' own clients use plaintext).
    KAFKA_BROKERS: infraEnv.kafkaSaslSsl.brokers.join(','),
    KAFKA_SSL: 'true',
    KAFKA_SSL_CA_FILE: infraEnv.kafkaSaslSsl.caFile,
    KAFKA_SASL_MECHANISM: 'plain',
    KAFKA_SASL_USERNAME: infraEnv.kafkaSaslSsl.username,
    KAFKA_SASL_PASSWORD: infraEnv.kafkaSaslSsl.password,
    CLICKHOUSE_URL: infraEnv.clickhouseUrl,
    CLICKHOUSE_DATABASE: run.chDatabase,
    SHUTDOWN_TIMEOUT_MS: '10000',
    SECRETS_MASTER_KEY: randomBytes(32).toString('hex'),
    ADMIN_PASS: E2E_ADMIN_PASS,
    // The fake upstreams listen on loopback, which config-admin refuses as a provider url unless allowed.
    UPSTREAM_ALLOW_HOSTS: '127.0.0.1',
    // A spool of this run's own: events spooled by an earlier run never leak into this one.
    USAGE_SPOOL_DIR: join(tmpdir(), `tollgate-e2e-spool-${run.suffix}`),
    OTEL_SDK_DISABLED: 'false',
    // One browser origin allowed on the admin API, for the CORS checks of the compatibility suite.
    ADMIN_CORS_ORIGINS: COMPAT_ADMIN_ORIGIN,
    OTEL_EXPORTER_OTLP_ENDPOINT: run.otlpUrl,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_BSP_SCHEDULE_DELAY: '200',
  };
}

// config-admin first (it migrates PostgreSQL; the others read or write what it creates), then the other four.
// On failure, what did start is stopped: no teardown runs when setup fails, and no process may outlive the run.
async function startServices(serviceEnv: Record<string, string>): Promise<ServiceProcess[]> {
  const portEnv = {
    CONFIG_ADMIN_PORT: String(PORTS['config-admin']),
    PROXY_EDGE_PORT: String(PORTS['proxy-edge']),
    AUTH_LIMIT_PORT: String(PORTS['auth-limit']),
    PII_REDACTION_PORT: String(PORTS['pii-redaction']),
    ANALYTICS_INGESTER_PORT: String(PORTS['analytics-ingester']),
    // proxy-edge scans prompts of keys with a PII policy on this run's pii-redaction.
    PII_REDACTION_URL: `http://127.0.0.1:${PORTS['pii-redaction']}`,
  };
  const all: ServiceProcess[] = [];
  try {
    const admin = new ServiceProcess('config-admin', PORTS['config-admin'], { ...serviceEnv, ...portEnv });
    all.push(admin.start());
    await admin.waitReady();
    for (const name of ['proxy-edge', 'auth-limit', 'pii-redaction', 'analytics-ingester'] as const) {
      const metrics: Record<string, string> =
        name === 'proxy-edge' ? { PROXY_EDGE_METRICS_PORT: String(PROXY_METRICS_PORT) } : {};
      all.push(new ServiceProcess(name, PORTS[name], { ...serviceEnv, ...portEnv, ...metrics }).start());
    }
    await Promise.all(all.map((s) => s.waitReady()));
    return all;
  } catch (error) {
    await Promise.all(all.map((s) => s.stop()));
    throw error;
  }
}

async function dropDatabases(pgDatabase: string, chDatabase: string): Promise<void> {
  await withPg(infraEnv.databaseUrl, (pg) => pg.query(`DROP DATABASE IF EXISTS ${pgDatabase} WITH (FORCE)`));
  const ch = createClient({ url: infraEnv.clickhouseUrl });
  await ch.command({ query: `DROP DATABASE IF EXISTS ${chDatabase}` });
  await ch.close();
}

// Every service stopped gracefully, and nothing secret reached a log line: the tests' gateway keys (tg-…) and
// provider secrets (sk-…, tok-…). Vitest ignores errors thrown by a teardown, so these fail the run through
// the exit code.
function checkServicesEndedClean(all: ServiceProcess[], codes: (number | null)[]): void {
  codes.forEach((code, i) => {
    if (code !== 0) console.error(`${all[i]?.name} exited with ${code}:\n${all[i]?.tail()}`);
  });
  const leaks = all.flatMap((s) => [...s.secretsSeen].map((m) => `${s.name}: ${m}`));
  if (leaks.length > 0) fail(`secrets in service logs: ${[...new Set(leaks)].join(', ')}`);
  if (codes.some((code) => code !== 0)) fail('a service did not stop gracefully (exit code not 0)');
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
