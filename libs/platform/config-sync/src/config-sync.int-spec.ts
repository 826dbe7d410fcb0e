import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_CHANGED_TYPE, configMessageKey, makeEnvelope, Topics } from '@tollgate/contracts';
import { KeyEntity, toKeySnapshot } from '@tollgate/config-entities';
import { dataSourceOptions } from '@tollgate/platform-database';
import { ensureTopics, KafkaEventPublisher } from '@tollgate/platform-kafka';
import { expectEventually, infraEnv, makeKey, uniqueSuffix, withPg } from '@tollgate/testing';
import { AppliedRegistry, configNamespace } from './applied-registry';
import { ConfigReadModel } from './config-read-model';
import { ConfigSync } from './config-sync';
import { keysInDatabase } from './unknown-key.lookup';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const POLL_MS = 200;

// Kafka that is not there: a closed port, no retries.
const unreachableKafka = () =>
  new Kafka({
    clientId: 'int-no-kafka',
    brokers: ['127.0.0.1:1'],
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  });
const realKafka = () =>
  new Kafka({ clientId: 'int-config-sync', brokers: infraEnv.kafkaBrokers, logLevel: logLevel.NOTHING });

describe(ConfigSync.name, () => {
  const database = `tollgate_int_sync_${uniqueSuffix()}`;
  const url = Object.assign(new URL(infraEnv.databaseUrl), { pathname: `/${database}` }).toString();
  let dataSource: DataSource;
  let redis: Redis;
  let registry: AppliedRegistry;
  const running: ConfigSync[] = [];

  beforeAll(async () => {
    await withPg(infraEnv.databaseUrl, (pg) => pg.query(`CREATE DATABASE ${database}`));
    dataSource = await new DataSource(dataSourceOptions(url, { runMigrations: true })).initialize();
    redis = new Redis(infraEnv.redisUrl);
    registry = new AppliedRegistry(redis, await configNamespace(dataSource));
    // As the services do at start: on a fresh broker no suite may have created the config topic yet.
    await ensureTopics(realKafka(), [Topics.configChanged]);
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((sync) => sync.stop()));
  });

  afterAll(async () => {
    await dataSource.destroy();
    redis.disconnect();
    await withPg(infraEnv.databaseUrl, (pg) => pg.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  });

  async function startSync(kafka: Kafka, pollIntervalMs: number): Promise<ConfigReadModel> {
    const model = new ConfigReadModel();
    const sync = new ConfigSync(kafka, dataSource, model, registry, {
      groupPrefix: 'int-sync',
      pollIntervalMs,
    });
    running.push(sync);
    await sync.start();
    return model;
  }

  // What config-admin writes for a key change: the row, then its change-log row.
  async function insertKey(name: string, secret: string): Promise<string> {
    const [{ key_id: keyId }] = (await dataSource.query(
      `INSERT INTO keys (name, key) VALUES ($1, $2) RETURNING key_id`,
      [name, sha(secret)],
    )) as [{ key_id: string }];
    return keyId;
  }
  async function logChange(keyId: string, deleted = false): Promise<void> {
    const key = deleted ? null : await dataSource.getRepository(KeyEntity).findOneByOrFail({ keyId });
    const version = key?.version ?? 99;
    await dataSource.query(
      `INSERT INTO config_change_log (entity, entity_id, version, payload) VALUES ('key', $1, $2, $3)`,
      [keyId, version, key ? JSON.stringify(toKeySnapshot(key)) : null],
    );
  }
  const createKey = async (secret: string) => {
    const keyId = await insertKey('k', secret);
    await logChange(keyId);
    return keyId;
  };
  const databaseNow = async () =>
    new Date(((await dataSource.query('SELECT now() AS now')) as [{ now: Date }])[0].now).getTime();

  it('applies a revocation and a delete within one poll interval while the config topic is unreachable', async () => {
    const model = await startSync(unreachableKafka(), POLL_MS);
    const keyId = await createKey('secret-a');
    await expectEventually(() => expect(model.findKey('secret-a')?.keyId).toBe(keyId), { intervalMs: 5 });

    const started = performance.now();
    await dataSource.query(`UPDATE keys SET revoked = true, version = version + 1 WHERE key_id = $1`, [
      keyId,
    ]);
    await logChange(keyId);
    const committedAt = await databaseNow();
    await expectEventually(() => expect(model.findKey('secret-a')?.revoked).toBe(true), {
      timeoutMs: 2_000,
      intervalMs: 5,
    });
    const revokedMs = performance.now() - started;
    console.log(
      `revocation applied without Kafka after ${revokedMs.toFixed(0)} ms (poll every ${POLL_MS} ms)`,
    );
    expect(revokedMs).toBeLessThan(POLL_MS + 300);
    // It says so in the registry, for config-admin to see.
    await expectEventually(async () => {
      const [state] = await registry.live();
      expect(state?.pgAppliedAt).toBeGreaterThanOrEqual(committedAt);
    });

    await dataSource.query(`DELETE FROM keys WHERE key_id = $1`, [keyId]);
    await logChange(keyId, true);
    await expectEventually(() => expect(model.findKey('secret-a')).toBeNull(), {
      timeoutMs: 2_000,
      intervalMs: 5,
    });
  });

  it('sees a change whose transaction commits several polls after it wrote its row', async () => {
    const model = await startSync(unreachableKafka(), POLL_MS);
    const pg = new Client({ connectionString: url });
    await pg.connect();
    try {
      await pg.query('BEGIN');
      const { rows } = await pg.query<{ key_id: string }>(
        `INSERT INTO keys (name, key) VALUES ('slow', $1) RETURNING key_id`,
        [sha('slow')],
      );
      const keyId = rows[0]?.key_id ?? '';
      const snapshot = makeKey({ keyId, key: sha('slow'), isKeyNotHashed: false });
      await pg.query(
        `INSERT INTO config_change_log (entity, entity_id, version, payload) VALUES ('key', $1, 1, $2)`,
        [keyId, JSON.stringify(snapshot)],
      );
      await new Promise((resolve) => setTimeout(resolve, POLL_MS * 3));
      expect(model.findKey('slow')).toBeNull();
      await pg.query('COMMIT');
    } finally {
      await pg.end();
    }
    await expectEventually(() => expect(model.findKey('slow')).not.toBeNull(), {
      timeoutMs: 2_000,
      intervalMs: 5,
    });
  });

  it('reports the config topic position it has applied, and leaves the registry when it stops', async () => {
    const model = await startSync(realKafka(), 60_000);
    const keyId = await createKey('secret-b');
    const key = await dataSource.getRepository(KeyEntity).findOneByOrFail({ keyId });
    const publisher = new KafkaEventPublisher(realKafka());
    const data = { ...toKeySnapshot(key), revoked: true };
    const envelope = makeEnvelope({
      type: CONFIG_CHANGED_TYPE,
      version: 1,
      producer: 'int-test',
      payload: { entity: 'key', id: keyId, version: key.version + 1, data },
    });
    await publisher.publishBatch(Topics.configChanged, [{ key: configMessageKey('key', keyId), envelope }]);
    await publisher.disconnect();
    const admin = realKafka().admin();
    await admin.connect();
    const [end] = await admin.fetchTopicOffsets(Topics.configChanged.name);
    await admin.disconnect();

    // The poll runs once a minute here: only the topic can have brought the revocation.
    await expectEventually(() => expect(model.findKey('secret-b')?.revoked).toBe(true), {
      timeoutMs: 30_000,
    });
    await expectEventually(async () => {
      const [state] = await registry.live();
      expect(BigInt(state?.positions['0'] ?? '0')).toBeGreaterThanOrEqual(BigInt(end?.high ?? '1'));
    });
    await running.splice(0)[0]?.stop();
    expect(await registry.live()).toEqual([]);
  });

  it('looks a key up in PostgreSQL by its hash or its rotated-out value', async () => {
    const keyId = await insertKey('rotated', 'value-now');
    await dataSource.query(
      `UPDATE keys SET previous_key = $2, previous_key_expires_at = now() + interval '1 minute' WHERE key_id = $1`,
      [keyId, sha('value-before')],
    );
    const lookUp = keysInDatabase(dataSource);
    const byValue = await lookUp([sha('value-now'), 'value-now']);
    expect(byValue.keys.map((k) => k.data.keyId)).toEqual([keyId]);
    expect(byValue.at.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect((await lookUp([sha('value-before'), 'value-before'])).keys.map((k) => k.data.keyId)).toEqual([
      keyId,
    ]);
    expect((await lookUp([sha('other'), 'other'])).keys).toEqual([]);
  });
});
