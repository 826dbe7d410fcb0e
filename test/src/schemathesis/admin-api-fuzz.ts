// schemathesis against the admin API (scripts/schemathesis.sh): config-admin built, on its own PostgreSQL and
// ClickHouse databases (the ingester's migrations applied), seeded with one of each entity so operations on
// ids get real ones; then schemathesis with test/schemathesis/schemathesis.toml. Exits with its code.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createClient } from '@clickhouse/client';
import { migrateClickHouse } from '@tollgate/platform-clickhouse';
import { infraEnv, uniqueSuffix, withPg } from '@tollgate/testing';
import { AdminApi } from '../support/admin-api';
import { ServiceProcess } from '../support/service-process';

const ROOT = resolve(import.meta.dirname, '../../..');
const PORT = Number(process.env['SCHEMATHESIS_ADMIN_PORT'] ?? 17001);
// The one upstream the fixtures and the hooks use; nothing listens there, nothing is called.
const FIXTURE_URL = 'http://127.0.0.1:9';

function databaseUrl(name: string): string {
  const url = new URL(infraEnv.databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function createDatabases(name: string): Promise<void> {
  await withPg(infraEnv.databaseUrl, (pg) => pg.query(`CREATE DATABASE ${name}`));
  const clickhouse = createClient({ url: infraEnv.clickhouseUrl });
  await clickhouse.command({ query: `CREATE DATABASE IF NOT EXISTS ${name}` });
  await clickhouse.close();
  const migrated = createClient({ url: infraEnv.clickhouseUrl, database: name });
  await migrateClickHouse(migrated, resolve(ROOT, 'apps/analytics-ingester/migrations'));
  await migrated.close();
}

async function dropDatabases(name: string): Promise<void> {
  await withPg(infraEnv.databaseUrl, (pg) => pg.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const clickhouse = createClient({ url: infraEnv.clickhouseUrl });
  await clickhouse.command({ query: `DROP DATABASE IF EXISTS ${name}` });
  await clickhouse.close();
}

// One of each entity; the hooks put their ids where a request names another entity.
async function seed(api: AdminApi): Promise<Record<string, string>> {
  const setting = await api.createProviderSetting({
    provider: 'openai',
    setting: { apikey: 'sk-fuzz', url: FIXTURE_URL },
  });
  // Routes may step through openai and azure: the key a route names needs a setting for each.
  const azure = await api.createProviderSetting({
    provider: 'azure',
    setting: { apikey: 'sk-fuzz-azure', resourceName: 'fixture', url: FIXTURE_URL },
  });
  const key = await api.createKey({
    name: 'fixture',
    key: `tg-fuzz-${uniqueSuffix()}-key`,
    settingIds: [setting.id, azure.id],
  });
  const post = async (path: string, body: unknown) =>
    (await (await api.raw('POST', path, JSON.stringify(body))).json()) as { id: string };
  const policy = await post('/api/policies', { name: 'fixture', tags: ['fixture'] });
  await post('/api/custom/providers', {
    provider: 'fixture-provider',
    route_configs: [
      {
        path: '/chat',
        target_url: `${FIXTURE_URL}/chat`,
        model_location: 'model',
        request_prompt_location: 'messages.#.content',
        response_completion_location: 'choices.#.message.content',
      },
    ],
  });
  return {
    FIXTURE_SETTING_ID: setting.id,
    FIXTURE_KEY_ID: key.keyId,
    FIXTURE_POLICY_ID: policy.id,
    FIXTURE_PROVIDER: 'fixture-provider',
    FIXTURE_URL,
  };
}

function runSchemathesis(env: Record<string, string>): Promise<number> {
  const st = process.env['SCHEMATHESIS_BIN'] ?? 'st';
  const child = spawn(
    st,
    [
      '--config-file',
      resolve(ROOT, 'test/schemathesis/schemathesis.toml'),
      'run',
      `http://127.0.0.1:${PORT}/api/docs-json`,
    ],
    {
      env: { ...process.env, ...env },
      stdio: 'inherit',
    },
  );
  return new Promise((done) => child.once('exit', (code) => done(code ?? 1)));
}

async function main(): Promise<number> {
  const name = `tollgate_fuzz_${uniqueSuffix()}`;
  const adminPass = randomBytes(16).toString('hex');
  const admin = new ServiceProcess('config-admin', PORT, {
    DATABASE_URL: databaseUrl(name),
    REDIS_URL: infraEnv.redisUrl,
    KAFKA_BROKERS: infraEnv.kafkaBrokers.join(','),
    KAFKA_CLIENT_ID: `config-admin-fuzz-${name}`,
    CLICKHOUSE_URL: infraEnv.clickhouseUrl,
    CLICKHOUSE_DATABASE: name,
    SECRETS_MASTER_KEY: randomBytes(32).toString('hex'),
    ADMIN_PASS: adminPass,
    CONFIG_ADMIN_PORT: String(PORT),
    UPSTREAM_ALLOW_HOSTS: '127.0.0.1',
    // schemathesis checks that a wrong or missing X-API-KEY is refused, many times over.
    ADMIN_AUTH_FAILURES_PER_MINUTE: '1000000',
  });
  try {
    await createDatabases(name);
    admin.start();
    await admin.waitReady();
    const fixtures = await seed(new AdminApi(admin.url, adminPass));
    return await runSchemathesis({ ...fixtures, ADMIN_PASS: adminPass });
  } finally {
    const code = admin.pid === undefined ? 0 : await admin.stop();
    if (code !== 0) console.error(`config-admin exited with ${code}:\n${admin.tail()}`);
    await dropDatabases(name);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
