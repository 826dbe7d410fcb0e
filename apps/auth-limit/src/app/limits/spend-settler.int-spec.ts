import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { DataSource, type DeepPartial } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeEnvelope,
  REQUEST_COMPLETED_TYPE,
  requestCompletedV1Fixtures,
  type RequestCompletedV1,
  type RequestCompletedV1Payload,
} from '@tollgate/contracts';
import { settlementMarkerKey, totalSpendCheck, WindowLimiter } from '@tollgate/limits';
import { ConfigReadModel } from '@tollgate/platform-config-sync';
import { ConfigOutboxEntity, KeyEntity, toKeySnapshot } from '@tollgate/config-entities';
import { dataSourceOptions } from '@tollgate/platform-database';
import { infraEnv, uniqueSuffix, withPg } from '@tollgate/testing';
import { ExpirySweeper } from './expiry-sweeper';
import { Revoker } from './revoker';
import { SpendSettler } from './spend-settler';

// Settlement against real Redis and revocation against real PostgreSQL (a database of its own).
describe('SpendSettler and ExpirySweeper (real Redis and PostgreSQL)', () => {
  const redis = new Redis(infraEnv.redisUrl);
  const limiter = new WindowLimiter(redis);
  const model = new ConfigReadModel();
  const database = `tollgate_int_${uniqueSuffix()}`;
  let dataSource: DataSource;
  let settler: SpendSettler;
  let sweeper: ExpirySweeper;

  const createKey = async (over: DeepPartial<KeyEntity>): Promise<KeyEntity> => {
    const repo = dataSource.getRepository(KeyEntity);
    const key = await repo.save(
      repo.create({ name: 'k', key: `hash-${uniqueSuffix()}`, settingIds: [], ...over }),
    );
    model.apply({
      op: 'upsert',
      entity: 'key',
      id: key.keyId,
      version: key.version,
      occurredAt: new Date(),
      data: toKeySnapshot(key),
    });
    return key;
  };
  const usageEvent = (payload: Partial<RequestCompletedV1Payload>): RequestCompletedV1 =>
    makeEnvelope({
      type: REQUEST_COMPLETED_TYPE,
      version: 1,
      producer: 'proxy-edge',
      payload: { ...requestCompletedV1Fixtures.chatSuccess.payload, requestId: randomUUID(), ...payload },
    }) as RequestCompletedV1;
  const totalOf = (keyId: string) => limiter.counterKey(totalSpendCheck({ kind: 'key', id: keyId }, 0), 0);

  beforeAll(async () => {
    await withPg(infraEnv.databaseUrl, (pg) => pg.query(`CREATE DATABASE ${database}`));
    const url = new URL(infraEnv.databaseUrl);
    url.pathname = `/${database}`;
    dataSource = new DataSource(dataSourceOptions(url.toString(), { runMigrations: true }));
    await dataSource.initialize();
    const revoker = new Revoker(dataSource);
    settler = new SpendSettler(redis, model, revoker);
    sweeper = new ExpirySweeper(model, revoker);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await withPg(infraEnv.databaseUrl, (pg) => pg.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    await redis.quit();
  });

  it('replaces a reservation with the actual cost and tokens, once even when the event comes twice', async () => {
    const key = await createKey({ limits: { costLimitMicroUsd: 10_000_000 } });
    const costCounter = `tollgate:test:${uniqueSuffix()}:cost:d`;
    const tokenCounter = `tollgate:test:${uniqueSuffix()}:tokens:m`;
    // What admission charged: 500 micro-dollars and 900 tokens on each counter, plus the total.
    await redis.set(costCounter, 500, 'EX', 60);
    await redis.set(tokenCounter, 900, 'EX', 60);
    await redis.set(totalOf(key.keyId), 500);
    const event = usageEvent({
      keyId: key.keyId,
      costMicroUsd: 120,
      admission: {
        reservedMicroUsd: 500,
        reservedTokens: 900,
        costCounters: [costCounter, totalOf(key.keyId)],
        tokenCounters: [tokenCounter],
      },
    });
    // Kafka redelivers: the same event in two batches and twice in one batch.
    expect(await settler.settle([event, event])).toBe(1);
    expect(await settler.settle([event])).toBe(0);
    expect(await redis.get(costCounter)).toBe('120');
    expect(await redis.get(totalOf(key.keyId))).toBe('120');
    expect(await redis.get(tokenCounter)).toBe(String(event.payload.usage.totalTokens));
    expect(await redis.exists(settlementMarkerKey(event.eventId))).toBe(1);
    await redis.del(costCounter, tokenCounter);
  });

  it('adds the cost to the total spend of a key without spend limits (what reporting shows)', async () => {
    const key = await createKey({});
    await settler.settle([usageEvent({ keyId: key.keyId, costMicroUsd: 70, admission: null })]);
    await settler.settle([usageEvent({ keyId: key.keyId, costMicroUsd: 30, admission: null })]);
    expect(await redis.get(totalOf(key.keyId))).toBe('100');
  });

  it('revokes a key whose total spend reaches its limit, with a reason of its own, through the outbox', async () => {
    const key = await createKey({ limits: { costLimitMicroUsd: 100 } });
    await settler.settle([usageEvent({ keyId: key.keyId, costMicroUsd: 60, admission: null })]);
    expect((await dataSource.getRepository(KeyEntity).findOneByOrFail({ keyId: key.keyId })).revoked).toBe(
      false,
    );
    await settler.settle([usageEvent({ keyId: key.keyId, costMicroUsd: 40, admission: null })]);
    const stored = await dataSource.getRepository(KeyEntity).findOneByOrFail({ keyId: key.keyId });
    expect(stored).toMatchObject({
      revoked: true,
      revokedReason: 'cost_limit_exhausted',
      version: key.version + 1,
    });
    const outbox = await dataSource.getRepository(ConfigOutboxEntity).findBy({ entityId: key.keyId });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.payload).toMatchObject({
      keyId: key.keyId,
      revoked: true,
      revokedReason: 'cost_limit_exhausted',
    });
  });

  it('revokes keys whose TTL has run out with reason "expired", once', async () => {
    const expired = await createKey({ limits: { expiresAt: new Date(Date.now() - 1_000) } });
    const live = await createKey({ limits: { expiresAt: new Date(Date.now() + 3_600_000) } });
    await sweeper.sweep();
    const repo = dataSource.getRepository(KeyEntity);
    expect(await repo.findOneByOrFail({ keyId: expired.keyId })).toMatchObject({
      revoked: true,
      revokedReason: 'expired',
    });
    expect((await repo.findOneByOrFail({ keyId: live.keyId })).revoked).toBe(false);
    // The read model has not heard of the revocation yet: a second sweep must not revoke (or publish) again.
    await sweeper.sweep();
    expect(await dataSource.getRepository(ConfigOutboxEntity).countBy({ entityId: expired.keyId })).toBe(1);
  });
});
