import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AppliedRegistry,
  ConfigReadModel,
  ConfigSync,
  configNamespace,
  HEARTBEAT_INTERVAL_MS,
} from '@tollgate/platform-config-sync';
import { dataSourceOptions } from '@tollgate/platform-database';
import { expectEventually, infraEnv } from '@tollgate/testing';
import { startAdminTestApp, TEST_ADMIN_PASS, type AdminTestApp } from '../admin-test-app.test-support';
import { PROPAGATION_HEADER } from './propagation.interceptor';

// The production default: long enough for a change to cross Kafka on a loaded two-core CI box.
const TIMEOUT_MS = 3_000;

const kafkaAt = (brokers: string[]) =>
  new Kafka({ clientId: 'int-propagation', brokers, logLevel: logLevel.NOTHING, retry: { retries: 0 } });

// An admin write answers once every live read model has applied it: here real ConfigSync instances (what
// proxy-edge and auth-limit run) on the admin app's database, Kafka and Redis.
describe('admin writes wait for the read models', () => {
  let admin: AdminTestApp;
  let dataSource: DataSource;
  let redis: Redis;
  let registry: AppliedRegistry;
  let settingId: string;
  const running: ConfigSync[] = [];

  beforeAll(async () => {
    admin = await startAdminTestApp({ CONFIG_PROPAGATION_TIMEOUT_MS: String(TIMEOUT_MS) });
    dataSource = await new DataSource(
      dataSourceOptions(admin.databaseUrl, { runMigrations: false }),
    ).initialize();
    redis = new Redis(infraEnv.redisUrl);
    registry = new AppliedRegistry(redis, await configNamespace(dataSource));
    const setting = await admin.call('PUT', '/api/provider-settings', {
      provider: 'openai',
      setting: { apikey: 'sk-1' },
    });
    settingId = (setting.body as { id: string }).id;
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((sync) => sync.stop()));
  });

  afterAll(async () => {
    await dataSource.destroy();
    redis.disconnect();
    await admin.close();
  });

  async function readModel(brokers: string[], pollIntervalMs: number): Promise<ConfigReadModel> {
    const model = new ConfigReadModel();
    const sync = new ConfigSync(kafkaAt(brokers), dataSource, model, registry, {
      groupPrefix: 'int-propagation',
      pollIntervalMs,
    });
    running.push(sync);
    await sync.start();
    return model;
  }

  async function send(method: string, path: string, body?: unknown) {
    const started = performance.now();
    const res = await fetch(`${await admin.url()}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-api-key': TEST_ADMIN_PASS },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    return { res, json, ms: performance.now() - started };
  }

  const createKey = (secret: string) =>
    send('PUT', '/api/key-management/keys', { name: 'propagation', key: secret, settingIds: [settingId] });

  it('answers a key creation and a revocation only once a running read model holds them', async () => {
    // The poll runs once a minute: only the config topic can bring the changes in time.
    const model = await readModel(infraEnv.kafkaBrokers, 60_000);
    // A new instance first reads the whole shared config topic (every suite running alongside writes to
    // it): the rounds below measure writes against an instance that has caught up, as a running proxy has.
    const warmUp = `tg-int-${randomUUID()}`;
    await createKey(warmUp);
    await expectEventually(() => expect(model.findKey(warmUp)).not.toBeNull(), {
      what: 'read model caught up',
    });
    const waited: number[] = [];
    for (let round = 0; round < 20; round++) {
      const secret = `tg-int-${randomUUID()}`;
      const created = await createKey(secret);
      expect(created.res.status).toBe(200);
      expect(created.res.headers.get(PROPAGATION_HEADER)).toBe('applied');
      expect(created.res.headers.get('server-timing')).toMatch(/^config-propagation;dur=\d+(\.\d+)?$/);
      expect(model.findKey(secret)?.keyId).toBe(created.json['keyId']);

      const revoked = await send('PATCH', `/api/key-management/keys/${String(created.json['keyId'])}`, {
        revoked: true,
      });
      expect(revoked.res.headers.get(PROPAGATION_HEADER)).toBe('applied');
      expect(model.findKey(secret)?.revoked).toBe(true);
      waited.push(created.ms, revoked.ms);
    }
    console.log(`admin writes with one read model: ${waited.map((ms) => ms.toFixed(0)).join(' ')} ms`);
  });

  it('waits for an instance whose config topic is unreachable through its PostgreSQL poll', async () => {
    const model = await readModel(['127.0.0.1:1'], 300);
    const secret = `tg-int-${randomUUID()}`;
    const created = await createKey(secret);
    expect(created.res.headers.get(PROPAGATION_HEADER)).toBe('applied');
    expect(model.findKey(secret)).not.toBeNull();
    expect(created.ms).toBeLessThan(TIMEOUT_MS);
  });

  it('answers after the timeout with propagation pending when a live instance does not apply the change', async () => {
    // An instance that heartbeats but applies nothing (its Kafka and PostgreSQL both out of reach).
    const stuck = { instanceId: `int-stuck.${randomUUID()}`, positions: {}, pgAppliedAt: 0 };
    await registry.report(stuck);
    const heartbeat = setInterval(() => void registry.report(stuck), HEARTBEAT_INTERVAL_MS);
    try {
      const created = await createKey(`tg-int-${randomUUID()}`);
      expect(created.res.status).toBe(200);
      expect(created.res.headers.get(PROPAGATION_HEADER)).toBe('pending');
      expect(created.ms).toBeGreaterThanOrEqual(TIMEOUT_MS);
      expect(created.ms).toBeLessThan(TIMEOUT_MS + 1_000);
    } finally {
      clearInterval(heartbeat);
      await registry.remove(stuck.instanceId);
    }
  });

  it('does not wait on reads and on refused writes', async () => {
    await readModel(infraEnv.kafkaBrokers, 60_000);
    const list = await send('GET', '/api/provider-settings');
    expect(list.res.status).toBe(200);
    expect(list.res.headers.get(PROPAGATION_HEADER)).toBeNull();
    const refused = await send('PUT', '/api/key-management/keys', { name: 'no key value' });
    expect(refused.res.status).toBe(400);
    expect(refused.res.headers.get(PROPAGATION_HEADER)).toBeNull();
  });
});
