// The gateway under test: the five built services as processes, on the real PostgreSQL, Redis, Kafka and
// ClickHouse, with databases of their own (dropped at the end), a provider setting aimed at the fake upstream
// and the scenarios' keys.
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@clickhouse/client';
import { infraEnv, withPg } from '@tollgate/testing';
import { AdminApi } from '../../test/src/support/admin-api';
import { msUntil } from '../../test/src/support/key-probe';
import { SERVICES, ServiceProcess } from '../../test/src/support/service-process';
import { BENCH_ROUTES, LIMITED_KEY_FIELDS, PII_POLICY_FIELDS, type BenchKey } from './scenarios';

const PORTS = {
  'config-admin': 19001,
  'proxy-edge': 19002,
  'auth-limit': 19003,
  'pii-redaction': 19004,
  'analytics-ingester': 19005,
} as const;

export class Gateway {
  readonly proxyUrl = `http://127.0.0.1:${PORTS['proxy-edge']}`;
  readonly keys = {} as Record<BenchKey, string>;
  private readonly services: ServiceProcess[] = [];

  private constructor(private readonly database: string) {}

  // `telemetryEnv`: the OTEL_* variables the services run with (tracing is off without them).
  static async start(upstreamUrl: string, telemetryEnv: Record<string, string> = {}): Promise<Gateway> {
    const database = `tollgate_bench_${randomUUID().slice(0, 8)}`;
    const gateway = new Gateway(database);
    await withPg(infraEnv.databaseUrl, (pg) => pg.query(`CREATE DATABASE ${database}`));
    const adminPass = randomBytes(16).toString('hex');
    const url = new URL(infraEnv.databaseUrl);
    url.pathname = `/${database}`;
    const env: Record<string, string> = {
      DATABASE_URL: url.toString(),
      REDIS_URL: infraEnv.redisUrl,
      KAFKA_BROKERS: infraEnv.kafkaBrokers.join(','),
      CLICKHOUSE_URL: infraEnv.clickhouseUrl,
      CLICKHOUSE_DATABASE: database,
      SECRETS_MASTER_KEY: randomBytes(32).toString('hex'),
      ADMIN_PASS: adminPass,
      // The fake upstream listens on loopback, which config-admin refuses as a provider url unless allowed.
      UPSTREAM_ALLOW_HOSTS: '127.0.0.1',
      USAGE_SPOOL_DIR: join(tmpdir(), `${database}-spool`),
      CONFIG_ADMIN_PORT: String(PORTS['config-admin']),
      PROXY_EDGE_PORT: String(PORTS['proxy-edge']),
      AUTH_LIMIT_PORT: String(PORTS['auth-limit']),
      PII_REDACTION_PORT: String(PORTS['pii-redaction']),
      ANALYTICS_INGESTER_PORT: String(PORTS['analytics-ingester']),
      PII_REDACTION_URL: `http://127.0.0.1:${PORTS['pii-redaction']}`,
      // Off unless the run asks for tracing, whatever the shell's environment says.
      OTEL_SDK_DISABLED: 'true',
      ...telemetryEnv,
    };
    // config-admin migrates PostgreSQL first; the others read what it creates.
    const admin = new ServiceProcess('config-admin', PORTS['config-admin'], env).start();
    gateway.services.push(admin);
    await admin.waitReady();
    // BENCH_PROFILE_DIR: proxy-edge writes a V8 CPU profile there when it stops; BENCH_EDGE_NODE_ARGS: more
    // flags for its node (heap sizes, say).
    const profileDir = process.env['BENCH_PROFILE_DIR'];
    const profile = [
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      ...(process.env['BENCH_EDGE_NODE_ARGS'] ?? '').split(' ').filter(Boolean),
    ];
    for (const name of SERVICES.filter((s) => s !== 'config-admin'))
      gateway.services.push(
        new ServiceProcess(name, PORTS[name], env, name === 'proxy-edge' ? profile : []).start(),
      );
    await Promise.all(gateway.services.map((s) => s.waitReady()));

    await gateway.createKeys(new AdminApi(admin.url, adminPass), upstreamUrl);
    return gateway;
  }

  // A provider setting aimed at the fake upstream, and one key of each kind the scenarios use.
  private async createKeys(api: AdminApi, upstreamUrl: string): Promise<void> {
    const setting = await api.createProviderSetting({
      provider: 'openai',
      setting: { apikey: 'sk-bench', url: upstreamUrl },
    });
    await createBenchKeysAndRoutes(api, this, setting.id);
  }

  // Each service's process id, by name.
  pids(): Record<string, number> {
    return Object.fromEntries(this.services.map((s) => [s.name, s.pid ?? 0]));
  }

  // Successful proxied requests that reached ClickHouse as analytics rows (deduplicated).
  async analyticsRows(): Promise<number> {
    const client = createClient({ url: infraEnv.clickhouseUrl, database: this.database });
    try {
      const result = await client.query({
        query: 'SELECT count() AS n FROM request_events FINAL WHERE status = 200',
        format: 'JSONEachRow',
      });
      return Number((await result.json<{ n: string }>())[0]?.n ?? 0);
    } finally {
      await client.close();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.services.map((s) => s.stop()));
    await withPg(infraEnv.databaseUrl, (pg) =>
      pg.query(`DROP DATABASE IF EXISTS ${this.database} WITH (FORCE)`),
    );
    const client = createClient({ url: infraEnv.clickhouseUrl });
    await client.command({ query: `DROP DATABASE IF EXISTS ${this.database}` });
    await client.close();
  }
}

async function createBenchRoutes(api: AdminApi, keyIds: string[]): Promise<void> {
  const step = { provider: 'openai', model: 'gpt-4o-mini' };
  await api.createRoute({
    name: 'bench cache',
    path: BENCH_ROUTES.cacheHit,
    keyIds,
    steps: [step],
    cacheConfig: { enabled: true, ttl: '1h' },
  });
  await api.createRoute({
    name: 'bench fallback',
    path: BENCH_ROUTES.fallback,
    keyIds,
    steps: [{ provider: 'vllm', model: 'gpt-4o-mini', timeout: '1s' }, step],
    cacheConfig: { enabled: false },
  });
}

// The scenarios' keys (plain and limited) and the routes they may call.
async function createBenchKeysAndRoutes(api: AdminApi, gateway: Gateway, settingId: string): Promise<void> {
  // A provider nobody listens for (the discard port refuses the connection): a route's failing first step.
  const refused = await api.createProviderSetting({
    provider: 'vllm',
    setting: { url: 'http://127.0.0.1:9' },
  });
  const policy = await api.raw('POST', '/api/policies', JSON.stringify(PII_POLICY_FIELDS));
  const policyId = String(((await policy.json()) as { id: string }).id);
  const fields: Record<BenchKey, Record<string, unknown>> = {
    plain: {},
    limited: LIMITED_KEY_FIELDS,
    pii: { policyId },
  };
  const keyIds: string[] = [];
  for (const kind of ['plain', 'limited', 'pii'] as const) {
    const secret = `tg-bench-${randomUUID()}`;
    const settingIds = [settingId, refused.id];
    const created = await api.createKey({
      name: `bench ${kind}`,
      key: secret,
      settingIds,
      ...fields[kind],
    });
    keyIds.push(created.keyId);
    await msUntil(gateway.proxyUrl, secret, 'accepted', 10_000);
    gateway.keys[kind] = secret;
  }
  await createBenchRoutes(api, keyIds);
}
