import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { KeyLimits } from '@tollgate/contracts';
import { infraEnv, uniqueSuffix } from '@tollgate/testing';
import { calendarWindow, type WindowUnit } from './calendar-window';
import { planLimits, type LimitedSubject, type RequestCharge } from './limit-plan';
import { heldReservationKey, Settlement } from './settlement';
import { LimitAmountError, WindowLimiter, type Admission, type WindowCheck } from './window-limiter';

const NO_LIMITS: KeyLimits = {
  costLimitMicroUsd: null,
  rateLimits: [],
  costLimits: [],
  tokenLimits: [],
  maxInFlightRequests: null,
  endStreamsAtLimit: false,
  expiresAt: null,
};

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

  const concurrently = async (n: number, admit: () => Promise<Admission>) => {
    const results = await Promise.all(Array.from({ length: n }, admit));
    return results.filter((r) => r.admitted).length;
  };
  const subjectWith = (kind: 'key' | 'user', limits: Partial<KeyLimits>): LimitedSubject => ({
    kind,
    id: uniqueSuffix(),
    limits: { ...NO_LIMITS, ...limits },
  });
  const admitPlan = (subjects: LimitedSubject[], charge: RequestCharge, nowMs?: number) => {
    const plan = planLimits(subjects, charge, { slotId: uniqueSuffix(), maxAgeMs: 60_000 });
    return limiter.admit(plan.windows, nowMs, plan.slots);
  };
  const one: RequestCharge = { reservedNanoUsd: 0, reservedTokens: 0 };

  it.each([
    ['key request rate per minute', 'key', { rateLimits: [{ limit: 10, unit: 'm' }] }, one],
    ['user request rate per day', 'user', { rateLimits: [{ limit: 10, unit: 'd' }] }, one],
    [
      'key spend per hour (10 reservations of 100 micro-dollars in 1000)',
      'key',
      { costLimits: [{ limitMicroUsd: 1_000, unit: 'h' }] },
      { reservedNanoUsd: 100_000, reservedTokens: 0 },
    ],
    [
      'user total spend',
      'user',
      { costLimitMicroUsd: 1_000 },
      { reservedNanoUsd: 100_000, reservedTokens: 0 },
    ],
    [
      'key tokens per minute',
      'key',
      { tokenLimits: [{ limit: 5_000, unit: 'm' }] },
      { reservedNanoUsd: 0, reservedTokens: 500 },
    ],
    ['key requests in flight', 'key', { maxInFlightRequests: 10 }, one],
  ] as const)(
    '%s: 50 concurrent requests against a limit of 10 admit exactly 10',
    async (_, kind, limits, charge) => {
      const subject = subjectWith(kind, limits as Partial<KeyLimits>);
      expect(await concurrently(50, () => admitPlan([subject], charge))).toBe(10);
    },
  );

  it('applies key and user limits together: the tighter one decides, and a refusal charges nothing', async () => {
    const key = subjectWith('key', { rateLimits: [{ limit: 10, unit: 'm' }] });
    const user = subjectWith('user', { rateLimits: [{ limit: 4, unit: 'm' }] });
    expect(await concurrently(50, () => admitPlan([key, user], one))).toBe(4);
    const [keyCheck] = planLimits([key], one, { slotId: 'x', maxAgeMs: 1 }).windows;
    expect(await limiter.used(keyCheck as WindowCheck)).toBe(4);
    expect(await admitPlan([key, user], one)).toMatchObject({ admitted: false, kind: 'rate', used: 4 });
  });

  it('applies several windows of one key at once', async () => {
    const key = subjectWith('key', {
      rateLimits: [
        { limit: 10, unit: 'm' },
        { limit: 3, unit: 'd' },
      ],
    });
    expect(await concurrently(50, () => admitPlan([key], one))).toBe(3);
    expect(await admitPlan([key], one)).toMatchObject({ admitted: false, check: { unit: 'd' } });
  });

  it('refuses even a free request once a spend limit is used up', async () => {
    const key = subjectWith('key', { costLimitMicroUsd: 100 });
    expect((await admitPlan([key], { reservedNanoUsd: 100_000, reservedTokens: 0 })).admitted).toBe(true);
    expect(await admitPlan([key], one)).toMatchObject({ admitted: false, kind: 'cost', resetAtMs: null });
  });

  it('frees an in-flight slot when the request releases it, and a stale slot by itself', async () => {
    const key = subjectWith('key', { maxInFlightRequests: 1 });
    const first = planLimits([key], one, { slotId: 'a', maxAgeMs: 60_000 });
    const now = Date.now();
    const held = await limiter.admit(first.windows, now, first.slots);
    expect(held.admitted).toBe(true);
    const second = planLimits([key], one, { slotId: 'b', maxAgeMs: 60_000 });
    expect(await limiter.admit(second.windows, now, second.slots)).toMatchObject({
      admitted: false,
      kind: 'in_flight',
    });
    if (held.admitted) await limiter.release(held.slots, 'a');
    expect((await limiter.admit(second.windows, now, second.slots)).admitted).toBe(true);
    // 'b' is never released (its holder crashed): after maxAgeMs its slot is free again.
    const third = planLimits([key], one, { slotId: 'c', maxAgeMs: 60_000 });
    expect((await limiter.admit(third.windows, now + 1_000, third.slots)).admitted).toBe(false);
    expect((await limiter.admit(third.windows, now + 60_001, third.slots)).admitted).toBe(true);
  });

  it('carries spend counted in micro-dollars over: folded into the nano-dollar counter on first use, exactly', async () => {
    const key = subjectWith('key', {
      costLimitMicroUsd: 1_000,
      costLimits: [{ limitMicroUsd: 500, unit: 'd' }],
    });
    const charge = { reservedNanoUsd: 150, reservedTokens: 0 };
    const [day, total] = planLimits([key], charge, { slotId: 'x', maxAgeMs: 1 }).windows as WindowCheck[];
    const now = Date.now();
    // What the gateway counted before nano-dollars: 499 micro-dollars today, 999 in all.
    const oldDay = limiter.counterKey(day as WindowCheck, now).replace(':cost_nusd[', ':cost[');
    const oldTotal = limiter.counterKey(total as WindowCheck, now).replace(':cost_nusd:', ':cost:');
    await redis.set(oldDay, 499, 'PX', 60_000);
    await redis.set(oldTotal, 999);
    expect(await limiter.used(total as WindowCheck, now)).toBe(999_000);
    // 499,000 + 150 fits the day's 500,000 and 999,000 + 150 the total's 1,000,000.
    expect(await limiter.admit([day as WindowCheck, total as WindowCheck], now)).toMatchObject({
      admitted: true,
    });
    expect(await redis.exists(oldDay, oldTotal)).toBe(0);
    expect(await redis.get(limiter.counterKey(total as WindowCheck, now))).toBe('999150');
    expect(await redis.get(limiter.counterKey(day as WindowCheck, now))).toBe('499150');
    expect(await redis.pttl(limiter.counterKey(day as WindowCheck, now))).toBeGreaterThan(0);
    // The old total alone would have let this one through (999 + 1 micro-dollar ≤ 1000): the carried spend does not.
    const more = { ...(total as WindowCheck), amount: 1_000 };
    expect(await limiter.admit([more], now)).toMatchObject({ admitted: false, kind: 'cost', used: 999_150 });
  });

  it.each([
    ['NaN', NaN],
    ['a fraction', 0.5],
    ['past 2^53', 2 ** 60],
    ['negative', -1],
  ])('refuses an amount that is %s before Redis sees it, charging nothing', async (_, amount) => {
    const key = subjectWith('key', { costLimitMicroUsd: 1_000 });
    const [total] = planLimits(
      [key],
      { reservedNanoUsd: amount, reservedTokens: 0 },
      { slotId: 'x', maxAgeMs: 1 },
    ).windows as WindowCheck[];
    await expect(limiter.admit([total as WindowCheck])).rejects.toBeInstanceOf(LimitAmountError);
    expect(await limiter.used(total as WindowCheck)).toBe(0);
  });

  // A fixed clock crosses each window's boundary: the last millisecond of a window, then the first of the next.
  it.each([
    ['s', '2099-11-24T10:15:30.999Z', '2099-11-24T10:15:31.000Z'],
    ['m', '2099-11-24T10:15:59.999Z', '2099-11-24T10:16:00.000Z'],
    ['h', '2099-11-24T10:59:59.999Z', '2099-11-24T11:00:00.000Z'],
    ['d', '2099-11-24T23:59:59.999Z', '2099-11-25T00:00:00.000Z'],
    ['mo', '2099-11-30T23:59:59.999Z', '2099-12-01T00:00:00.000Z'],
  ] as const)('a %s window admits its limit until %s, then starts afresh at %s', async (unit, last, next) => {
    const check: WindowCheck = {
      subject: `key:${uniqueSuffix()}:rate`,
      kind: 'rate',
      unit,
      limit: 2,
      amount: 1,
    };
    const lastMs = Date.parse(last);
    const nextMs = Date.parse(next);
    expect(await concurrently(5, () => limiter.admit([check], lastMs))).toBe(2);
    expect(await limiter.admit([check], lastMs)).toMatchObject({ admitted: false, resetAtMs: nextMs });
    expect(calendarWindow(unit as WindowUnit, nextMs).startMs).toBe(nextMs);
    expect(await concurrently(5, () => limiter.admit([check], nextMs))).toBe(2);
  });
});

describe('Settlement (real Redis)', () => {
  const redis = new Redis(infraEnv.redisUrl);
  const settlement = new Settlement(redis);
  const counter = `tollgate:test:${uniqueSuffix()}:cost_nusd:total`;
  afterAll(async () => {
    await redis.del(counter, `${counter}:expired`, `${counter}:added`);
    await redis.quit();
  });

  it('replaces a reservation with the actual amount once, however often the event is delivered', async () => {
    await redis.set(counter, 500); // a reservation of 500
    const eventId = uniqueSuffix();
    const settle = () => settlement.settleOnce(eventId, [{ key: counter, delta: 120 - 500, mode: 'settle' }]);
    const results = await Promise.all([settle(), settle(), settle()]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await redis.get(counter)).toBe('120');
  });

  it('settles the counters an event named before nano-dollars on their nano-dollar counters, folding the old ones', async () => {
    const old = `tollgate:test:${uniqueSuffix()}:cost:total`;
    const current = old.replace(':cost:', ':cost_nusd:');
    await redis.set(old, 41); // 41 micro-dollars reserved by a proxy that counted in micro-dollars
    // Its event, read in nano-dollars: reserved 41,000, cost 6,000.
    await settlement.settleOnce(uniqueSuffix(), [{ key: old, delta: 6_000 - 41_000, mode: 'settle' }]);
    expect(await redis.get(current)).toBe('6000');
    expect(await redis.exists(old)).toBe(0);
    await redis.del(current);
  });

  it('holds a reservation until its late usage is billed, whichever event comes first', async () => {
    const claim = `run:run_${uniqueSuffix()}`;
    const held = `tollgate:test:${uniqueSuffix()}:cost_nusd:total`;
    await redis.set(held, 9_000); // reserved at creation
    const hold = { claim, amounts: [{ key: held, amount: 9_000 }] };
    // The creation's event settles nothing: the reservation stays charged.
    await settlement.settleOnce(uniqueSuffix(), {
      counters: [{ key: held, delta: 0, mode: 'settle' }],
      hold,
    });
    expect(await redis.get(held)).toBe('9000');
    // The event that bills the run (its own cost is settled on its own counters) releases it.
    await settlement.settleOnce(uniqueSuffix(), { counters: [], releases: [claim] });
    expect(await redis.get(held)).toBe('0');
    expect(await redis.exists(heldReservationKey(claim))).toBe(0);

    const early = `run:run_${uniqueSuffix()}`;
    await redis.set(held, 9_000);
    // Billed before the creation's event is settled: the hold is released as soon as it arrives.
    await settlement.settleOnce(uniqueSuffix(), { counters: [], releases: [early] });
    await settlement.settleOnce(uniqueSuffix(), {
      counters: [],
      hold: { claim: early, amounts: [{ key: held, amount: 9_000 }] },
    });
    expect(await redis.get(held)).toBe('0');
    expect(await redis.exists(heldReservationKey(early))).toBe(0);
    await redis.del(held);
  });

  it('skips a window counter that has expired and adds to an unreserved total', async () => {
    const ok = await settlement.settleOnce(uniqueSuffix(), [
      { key: `${counter}:expired`, delta: -50, mode: 'settle' },
      { key: `${counter}:added`, delta: 70, mode: 'add' },
    ]);
    expect(ok).toBe(true);
    expect(await redis.exists(`${counter}:expired`)).toBe(0);
    expect(await redis.get(`${counter}:added`)).toBe('70');
  });
});
