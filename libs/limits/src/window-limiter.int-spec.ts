import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { infraEnv, uniqueSuffix } from '@tollgate/testing';
import { WindowLimiter, type WindowCheck } from './window-limiter';

// Against real Redis: N concurrent requests against a limit of L let exactly L through.
describe('WindowLimiter (real Redis)', () => {
  const redis = new Redis(infraEnv.redisUrl);
  const prefix = `tollgate:test:${uniqueSuffix()}`;
  const limiter = new WindowLimiter(redis, prefix);
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  const concurrently = async (n: number, checks: WindowCheck[], nowMs?: number) => {
    const results = await Promise.all(Array.from({ length: n }, () => limiter.admit(checks, nowMs)));
    return results.filter((r) => r.admitted).length;
  };

  it('lets exactly 10 of 50 concurrent requests through a limit of 10', async () => {
    const check: WindowCheck = { subject: `key:${uniqueSuffix()}:requests`, unit: 'm', limit: 10, amount: 1 };
    expect(await concurrently(50, [check])).toBe(10);
    expect(await limiter.used(check)).toBe(10);
  });

  it('applies every window at once: the tightest one decides, and a refused request charges none', async () => {
    const subject = `key:${uniqueSuffix()}:requests`;
    const perMinute: WindowCheck = { subject, unit: 'm', limit: 10, amount: 1 };
    const perDay: WindowCheck = { subject, unit: 'd', limit: 4, amount: 1 };
    expect(await concurrently(50, [perMinute, perDay])).toBe(4);
    expect(await limiter.used(perMinute)).toBe(4);
    const refused = await limiter.admit([perMinute, perDay]);
    expect(refused).toMatchObject({ admitted: false, check: { unit: 'd' }, used: 4 });
  });

  it('charges weighted amounts (tokens, reserved micro-dollars) without overshooting', async () => {
    const check: WindowCheck = {
      subject: `key:${uniqueSuffix()}:cost`,
      unit: 'mo',
      limit: 1_000,
      amount: 30,
    };
    expect(await concurrently(50, [check])).toBe(33);
    expect(await limiter.used(check)).toBe(990);
  });

  it('starts counting afresh when the window turns (fixed clock)', async () => {
    const check: WindowCheck = { subject: `key:${uniqueSuffix()}:requests`, unit: 'm', limit: 2, amount: 1 };
    // A future clock: counters expire at their window's end, which must not have passed already.
    const last = Date.parse('2099-11-24T10:15:59.999Z');
    const next = Date.parse('2099-11-24T10:16:00.000Z');
    expect(await concurrently(5, [check], last)).toBe(2);
    const refused = await limiter.admit([check], last);
    expect(refused).toMatchObject({ admitted: false, resetAtMs: next });
    expect(await concurrently(5, [check], next)).toBe(2);
  });
});
