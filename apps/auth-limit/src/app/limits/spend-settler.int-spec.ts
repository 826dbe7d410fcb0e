import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  makeEnvelope,
  microDollarRequestCompletedV1Fixture,
  REQUEST_COMPLETED_TYPE,
  RequestCompletedV1Schema,
  requestCompletedV1Fixtures,
  RevocationRequestedV1Schema,
  Topics,
  type KeyLimits,
  type RequestCompletedV1,
  type RequestCompletedV1Payload,
} from '@tollgate/contracts';
import { settlementMarkerKey, totalSpendCheck, WindowLimiter } from '@tollgate/limits';
import { InMemoryEventBus } from '@tollgate/platform-bus';
import { ConfigReadModel } from '@tollgate/platform-config-sync';
import { infraEnv, makeKey, makeUser } from '@tollgate/testing';
import { ExpirySweeper } from './expiry-sweeper';
import { RevocationsProducer } from './revocations.producer';
import { SpendSettler } from './spend-settler';

// Settlement against real Redis. Revocations are asked of config-admin by event: what auth-limit publishes is
// checked here, what config-admin does with it in config-admin's revocations.consumer.int-spec.ts.
describe('SpendSettler and ExpirySweeper (real Redis)', () => {
  const redis = new Redis(infraEnv.redisUrl);
  const limiter = new WindowLimiter(redis);
  let model: ConfigReadModel;
  let bus: InMemoryEventBus;
  let settler: SpendSettler;
  let sweeper: ExpirySweeper;

  const createKey = (limits: Partial<KeyLimits> = {}) => {
    const key = makeKey({ limits });
    model.apply({
      op: 'upsert',
      entity: 'key',
      id: key.keyId,
      version: 1,
      occurredAt: new Date(),
      data: key,
    });
    return key;
  };
  const createUser = (limits: Partial<KeyLimits> = {}) => {
    const user = makeUser({ limits });
    model.apply({
      op: 'upsert',
      entity: 'user',
      id: user.id,
      version: 1,
      occurredAt: new Date(),
      data: user,
    });
    return user;
  };
  const usageEvent = (payload: Partial<RequestCompletedV1Payload>): RequestCompletedV1 =>
    makeEnvelope({
      type: REQUEST_COMPLETED_TYPE,
      version: 1,
      producer: 'proxy-edge',
      payload: { ...requestCompletedV1Fixtures.chatSuccess.payload, requestId: randomUUID(), ...payload },
      traceparent: requestCompletedV1Fixtures.chatSuccess.traceparent,
    }) as RequestCompletedV1;
  const totalOf = (keyId: string) => limiter.counterKey(totalSpendCheck({ kind: 'key', id: keyId }, 0), 0);
  // The counter the same total had when spend was counted in micro-dollars.
  const microDollarTotalOf = (keyId: string) => totalOf(keyId).replace(':cost_nusd:', ':cost:');
  // The revocation requests published, each parsed with the contract schema as config-admin parses it.
  const requested = () =>
    bus.published.map((p) => {
      expect(p.topic).toBe(Topics.revocationRequested.name);
      return RevocationRequestedV1Schema.parse(p.envelope);
    });

  beforeEach(() => {
    model = new ConfigReadModel();
    bus = new InMemoryEventBus();
    const revocations = new RevocationsProducer(bus);
    settler = new SpendSettler(redis, model, revocations);
    sweeper = new ExpirySweeper(model, revocations);
  });

  afterAll(async () => {
    await redis.quit();
  });

  it('replaces a reservation with the actual cost and tokens, once even when the event comes twice', async () => {
    const key = createKey({ costLimitMicroUsd: 10_000_000 });
    const costCounter = `tollgate:test:${randomUUID()}:cost:d`;
    const tokenCounter = `tollgate:test:${randomUUID()}:tokens:m`;
    // What admission charged: 500 micro-dollars and 900 tokens on each counter, plus the total.
    await redis.set(costCounter, 500_000, 'EX', 60);
    await redis.set(tokenCounter, 900, 'EX', 60);
    await redis.set(totalOf(key.keyId), 500_000);
    const event = usageEvent({
      keyId: key.keyId,
      costNanoUsd: 120_000,
      admission: {
        reservedNanoUsd: 500_000,
        reservedTokens: 900,
        costCounters: [costCounter, totalOf(key.keyId)],
        tokenCounters: [tokenCounter],
      },
    });
    // Kafka redelivers: the same event in two batches and twice in one batch.
    expect(await settler.settle([event, event])).toBe(1);
    expect(await settler.settle([event])).toBe(0);
    expect(await redis.get(costCounter)).toBe('120000');
    expect(await redis.get(totalOf(key.keyId))).toBe('120000');
    expect(await redis.get(tokenCounter)).toBe(String(event.payload.usage.totalTokens));
    expect(await redis.exists(settlementMarkerKey(event.eventId))).toBe(1);
    expect(requested()).toEqual([]);
    await redis.del(costCounter, tokenCounter);
  });

  it('adds the cost to the total spend of a key without spend limits (what reporting shows)', async () => {
    const key = createKey();
    await settler.settle([usageEvent({ keyId: key.keyId, costNanoUsd: 70_000, admission: null })]);
    await settler.settle([usageEvent({ keyId: key.keyId, costNanoUsd: 30_000, admission: null })]);
    expect(await redis.get(totalOf(key.keyId))).toBe('100000');
    expect(requested()).toEqual([]);
  });

  it('asks config-admin to revoke a key whose total spend reaches its limit, with a reason of its own', async () => {
    const key = createKey({ costLimitMicroUsd: 100 });
    await settler.settle([usageEvent({ keyId: key.keyId, costNanoUsd: 60_000, admission: null })]);
    expect(requested()).toEqual([]);
    const exhausting = usageEvent({ keyId: key.keyId, costNanoUsd: 40_000, admission: null });
    await settler.settle([exhausting]);
    expect(requested()).toEqual([
      expect.objectContaining({
        producer: 'auth-limit',
        traceparent: exhausting.traceparent,
        payload: { entity: 'key', id: key.keyId, reason: 'cost_limit_exhausted' },
      }),
    ]);
    // More spend before the revocation reaches the read model: no second request.
    await settler.settle([usageEvent({ keyId: key.keyId, costNanoUsd: 5_000, admission: null })]);
    expect(requested()).toHaveLength(1);
  });

  it('asks to revoke a user whose total spend reaches its limit', async () => {
    const user = createUser({ costLimitMicroUsd: 50 });
    await settler.settle([
      usageEvent({ keyId: null, userEntityId: user.id, costNanoUsd: 50_000, admission: null }),
    ]);
    expect(requested().map((r) => r.payload)).toEqual([
      { entity: 'user', id: user.id, reason: 'cost_limit_exhausted' },
    ]);
  });

  it('adds a thousand calls of 0.16 micro-dollars up to exactly 160 micro-dollars', async () => {
    const key = createKey();
    // text-embedding-3-small: 8 tokens × 0.02 micro-dollars = 160 nano-dollars a call.
    const calls = Array.from({ length: 1000 }, () =>
      usageEvent({ keyId: key.keyId, costNanoUsd: 160, admission: null }),
    );
    expect(await settler.settle(calls)).toBe(1000);
    expect(await redis.get(totalOf(key.keyId))).toBe('160000');
  });

  it('reads events published in micro-dollars exactly, and carries a total counted in micro-dollars over', async () => {
    const key = createKey({ costLimitMicroUsd: 10_000 });
    // Counted before nano-dollars: 9,990 micro-dollars so far, and a request of the old proxy reserved 41 more.
    await redis.set(microDollarTotalOf(key.keyId), 9_990 + 41);
    const old = RequestCompletedV1Schema.parse({
      ...microDollarRequestCompletedV1Fixture,
      eventId: randomUUID(),
      payload: {
        ...microDollarRequestCompletedV1Fixture.payload,
        keyId: key.keyId,
        userEntityId: null,
        admission: {
          ...microDollarRequestCompletedV1Fixture.payload.admission,
          costCounters: [microDollarTotalOf(key.keyId)],
        },
      },
    }) as RequestCompletedV1;
    expect(await settler.settle([old])).toBe(1);
    // 9,990 + 6 micro-dollars, now in nano-dollars; the micro-dollar counter is gone.
    expect(await redis.get(totalOf(key.keyId))).toBe('9996000');
    expect(await redis.exists(microDollarTotalOf(key.keyId))).toBe(0);
    expect(requested()).toEqual([]);
    // 4 more micro-dollars reach the limit of 10,000 exactly.
    await settler.settle([usageEvent({ keyId: key.keyId, costNanoUsd: 4_000, admission: null })]);
    expect(requested().map((r) => r.payload.reason)).toEqual(['cost_limit_exhausted']);
  });

  it('keeps a late-billed request’s reservation until the event that bills its usage, then settles that', async () => {
    const key = createKey({ costLimitMicroUsd: 10_000_000 });
    const day = `tollgate:test:${randomUUID()}:cost_nusd[d]:d:0`;
    await redis.set(day, 9_000_000, 'EX', 60);
    await redis.set(totalOf(key.keyId), 9_000_000);
    const admission = {
      reservedNanoUsd: 9_000_000,
      reservedTokens: 0,
      costCounters: [day, totalOf(key.keyId)],
      tokenCounters: [],
    };
    // The run starts: nothing is billed yet, and the reservation stays.
    await settler.settle([
      usageEvent({ keyId: key.keyId, costNanoUsd: 0, admission, reservationHeldFor: 'run:run_42' }),
    ]);
    expect(await redis.get(totalOf(key.keyId))).toBe('9000000');
    // A later GET bills the finished run (charged on its own windows) and releases the reservation.
    await settler.settle([
      usageEvent({
        keyId: key.keyId,
        costNanoUsd: 2_500_000,
        admission: null,
        lateUsageBilled: ['run:run_42'],
      }),
    ]);
    expect(await redis.get(totalOf(key.keyId))).toBe('2500000');
    expect(await redis.get(day)).toBe('0');
    await redis.del(day);
  });

  it('asks to revoke keys and users whose TTL has run out with reason "expired", once', async () => {
    const expired = createKey({ expiresAt: new Date(Date.now() - 1_000).toISOString() });
    const live = createKey({ expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    const expiredUser = createUser({ expiresAt: new Date(Date.now() - 1_000).toISOString() });
    expect(await sweeper.sweep()).toBe(2);
    expect(requested().map((r) => r.payload)).toEqual([
      { entity: 'key', id: expired.keyId, reason: 'expired' },
      { entity: 'user', id: expiredUser.id, reason: 'expired' },
    ]);
    expect(requested().some((r) => r.payload.id === live.keyId)).toBe(false);
    // The read model has not heard of the revocation yet: a second sweep must not ask again.
    expect(await sweeper.sweep()).toBe(0);
    expect(requested()).toHaveLength(2);
  });
});
