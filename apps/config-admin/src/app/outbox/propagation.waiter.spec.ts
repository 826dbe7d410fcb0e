import type { Redis } from 'ioredis';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { describe, expect, it } from 'vitest';
import type { ConfigAdminConfig } from '../config';
import { PropagationWaiter } from './propagation.waiter';

// A waiter whose registry lives in a Redis that answers `smembers` as given.
async function waiterWithRedis(smembers: () => Promise<string[]>, timeoutMs: number) {
  const dataSource = { query: () => Promise.resolve([{ name: 'tollgate_unit' }]) } as unknown as DataSource;
  const redis = { smembers } as unknown as Redis;
  const kafka = { admin: () => ({}) } as unknown as Kafka;
  const config = { CONFIG_PROPAGATION_TIMEOUT_MS: timeoutMs } as ConfigAdminConfig;
  const waiter = new PropagationWaiter(dataSource, redis, kafka, config);
  await waiter.onModuleInit();
  return waiter;
}

describe(PropagationWaiter.name, () => {
  it('does not wait when no read model is live', async () => {
    const waiter = await waiterWithRedis(() => Promise.resolve([]), 3_000);
    expect((await waiter.waitFor(['1'])).applied).toBe(true);
  });

  it('answers pending at once when Redis refuses, so the admin write still answers', async () => {
    const waiter = await waiterWithRedis(() => Promise.reject(new Error('connection refused')), 3_000);
    const propagation = await waiter.waitFor(['1']);
    expect(propagation.applied).toBe(false);
    expect(propagation.waitedMs).toBeLessThan(1_000);
  });

  it('answers pending after the timeout when Redis never answers', async () => {
    const waiter = await waiterWithRedis(() => new Promise<string[]>(() => undefined), 200);
    const propagation = await waiter.waitFor(['1']);
    expect(propagation.applied).toBe(false);
    expect(propagation.waitedMs).toBeGreaterThanOrEqual(200);
    expect(propagation.waitedMs).toBeLessThan(1_000);
  });
});
