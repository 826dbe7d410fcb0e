import { describe, expect, it } from 'vitest';
import type { LimitColumns } from '@tollgate/config-entities';
import { revocationDue } from './revocation-due';

const NOW = Date.parse('2026-11-24T10:00:00.000Z');
const limits = (over: Partial<LimitColumns>): LimitColumns => ({
  costLimitMicroUsd: null,
  rateLimits: [],
  costLimits: [],
  tokenLimits: [],
  maxInFlightRequests: null,
  endStreamsAtLimit: false,
  ttl: '',
  expiresAt: null,
  ...over,
});

describe(revocationDue.name, () => {
  it.each([
    ['an expiry that has passed', 'expired', { expiresAt: new Date(NOW - 1) }, true],
    ['an expiry at this instant', 'expired', { expiresAt: new Date(NOW) }, true],
    ['an expiry still ahead (the ttl was set again)', 'expired', { expiresAt: new Date(NOW + 1) }, false],
    ['no expiry at all', 'expired', {}, false],
    ['spend over a cost limit', 'cost_limit_exhausted', { costLimitMicroUsd: 100 }, true],
    ['spend once the cost limit was removed', 'cost_limit_exhausted', {}, false],
  ] as const)('%s: %s', (_what, reason, over, due) => {
    expect(revocationDue(reason, limits(over), NOW)).toBe(due);
  });
});
