import { describe, expect, it } from 'vitest';
import { RequestThrottle } from './request-throttle';

describe(RequestThrottle.name, () => {
  it('lets one request per subject through per interval, each subject on its own', () => {
    const throttle = new RequestThrottle(10_000);
    expect(throttle.tryAcquire('key:a', 0)).toBe(true);
    expect(throttle.tryAcquire('key:a', 9_999)).toBe(false);
    expect(throttle.tryAcquire('user:b', 9_999)).toBe(true);
    expect(throttle.tryAcquire('key:a', 10_000)).toBe(true);
    expect(throttle.tryAcquire('key:a', 10_001)).toBe(false);
  });

  it('lets a released subject through at once', () => {
    const throttle = new RequestThrottle(10_000);
    expect(throttle.tryAcquire('key:a', 0)).toBe(true);
    throttle.release('key:a');
    expect(throttle.tryAcquire('key:a', 1)).toBe(true);
  });
});
