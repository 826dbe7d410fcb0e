import { describe, expect, it } from 'vitest';
import { backoffMs, isRetryableStatus, MAX_RETRY_AFTER_MS, retryAfterMs } from './retry-policy';

describe('retry policy', () => {
  it.each([
    [408, true],
    [429, true],
    [500, true],
    [503, true],
    [529, true],
    [400, false],
    [401, false],
    [404, false],
    [422, false],
  ])('status %i retryable: %s', (status, retryable) => {
    expect(isRetryableStatus(status)).toBe(retryable);
  });

  it('reads Retry-After in seconds or as a date, capped', () => {
    const now = Date.parse('2026-12-03T12:00:00Z');
    expect(retryAfterMs('2', now)).toBe(2000);
    expect(retryAfterMs('Thu, 03 Dec 2026 12:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('3600', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
  });

  it('waits the interval (constant) or up to a doubling interval with jitter (exponential)', () => {
    expect(backoffMs('constant', 200, 3, null)).toBe(200);
    expect(backoffMs('exponential', 100, 1, null, () => 1)).toBe(100);
    expect(backoffMs('exponential', 100, 3, null, () => 1)).toBe(400);
    expect(backoffMs('exponential', 100, 3, null, () => 0.5)).toBe(200);
    expect(backoffMs('exponential', 1000, 30, null, () => 1)).toBe(30_000);
  });

  it('waits at least what the upstream announced', () => {
    expect(backoffMs('constant', 200, 1, 1500)).toBe(1500);
    expect(backoffMs('constant', 2000, 1, 1500)).toBe(2000);
  });
});
