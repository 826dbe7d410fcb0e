import { describe, expect, it } from 'vitest';
import { AuthFailureLimiter } from './auth-failure-limiter';

const MINUTE = 60_000;

describe(AuthFailureLimiter.name, () => {
  const at = (clock: { t: number }) => () => clock.t;

  it('refuses an address after N failures until its minute ends, then lets it try again', () => {
    const clock = { t: 10 * MINUTE + 15_000 };
    const limiter = new AuthFailureLimiter(3, at(clock));
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterSeconds('203.0.113.9')).toBe(0);
      limiter.recordFailure('203.0.113.9');
    }
    expect(limiter.retryAfterSeconds('203.0.113.9')).toBe(45);
    expect(limiter.retryAfterSeconds('203.0.113.10')).toBe(0);
    clock.t = 10 * MINUTE + 59_500;
    expect(limiter.retryAfterSeconds('203.0.113.9')).toBe(1);
    clock.t = 11 * MINUTE;
    expect(limiter.retryAfterSeconds('203.0.113.9')).toBe(0);
  });

  it('counts an IPv4-mapped address as its IPv4 address and an IPv6 /64 as one client', () => {
    const limiter = new AuthFailureLimiter(2, () => 0);
    limiter.recordFailure('::ffff:198.51.100.1');
    limiter.recordFailure('198.51.100.1');
    expect(limiter.retryAfterSeconds('198.51.100.1')).toBeGreaterThan(0);
    limiter.recordFailure('2001:db8:1:2::1');
    limiter.recordFailure('2001:db8:1:2:ffff::9');
    expect(limiter.retryAfterSeconds('2001:0db8:0001:0002::7')).toBeGreaterThan(0);
    expect(limiter.retryAfterSeconds('2001:db8:1:3::1')).toBe(0);
  });
});
