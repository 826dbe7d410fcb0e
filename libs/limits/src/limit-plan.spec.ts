import { describe, expect, it } from 'vitest';
import type { KeyLimits } from '@tollgate/contracts';
import { planLimits } from './limit-plan';

const limits = (over: Partial<KeyLimits>): KeyLimits => ({
  costLimitMicroUsd: null,
  rateLimits: [],
  costLimits: [],
  tokenLimits: [],
  maxInFlightRequests: null,
  endStreamsAtLimit: false,
  expiresAt: null,
  ...over,
});
const subjectsOf = (over: Partial<KeyLimits>) =>
  planLimits(
    [{ kind: 'key', id: 'k1', limits: limits(over) }],
    { reservedNanoUsd: 7, reservedTokens: 9 },
    {
      slotId: 'r1',
      maxAgeMs: 1,
    },
  ).windows.map((w) => `${w.subject}/${w.unit}`);

describe(planLimits.name, () => {
  it('starts counting afresh when a key’s units change, and keeps counting when only an amount does', () => {
    const perMinute = subjectsOf({ rateLimits: [{ limit: 2, unit: 'm' }] });
    expect(subjectsOf({ rateLimits: [{ limit: 50, unit: 'm' }] })).toEqual(perMinute);
    const perMinuteAndDay = subjectsOf({
      rateLimits: [
        { limit: 2, unit: 'm' },
        { limit: 9, unit: 'd' },
      ],
    });
    expect(perMinuteAndDay).not.toContain(perMinute[0]);
  });

  it('charges spend windows and the total in nano-dollars (limits configured in micro-dollars), token windows with the reserved tokens', () => {
    const plan = planLimits(
      [
        {
          kind: 'user',
          id: 'u1',
          limits: limits({
            costLimitMicroUsd: 1_000,
            costLimits: [{ limitMicroUsd: 500, unit: 'd' }],
            tokenLimits: [{ limit: 100, unit: 'm' }],
            maxInFlightRequests: 3,
          }),
        },
      ],
      { reservedNanoUsd: 7, reservedTokens: 9 },
      { slotId: 'r1', maxAgeMs: 60_000 },
    );
    expect(plan.windows.map((w) => [w.kind, w.unit, w.limit, w.amount])).toEqual([
      ['cost', 'd', 500_000, 7],
      ['cost', 'total', 1_000_000, 7],
      ['tokens', 'm', 100, 9],
    ]);
    // Counters named with their unit, so a micro-dollar counter is never read as nano-dollars.
    expect(plan.windows.map((w) => w.subject)).toEqual([
      'user:u1:cost_nusd[d]',
      'user:u1:cost_nusd',
      'user:u1:tokens[m]',
    ]);
    expect(plan.slots).toEqual([{ subject: 'user:u1', limit: 3, slotId: 'r1', maxAgeMs: 60_000 }]);
  });
});
