import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import type { CachedResponse } from './cached-response';
import { ResponseCache, type ResponseCacheFailure } from './response-cache';

const entry: CachedResponse = {
  status: 200,
  contentType: 'application/json',
  body: '{"id":"chatcmpl-1"}',
  stream: false,
  model: 'gpt-4o',
  usage: { promptTokens: 3, completionTokens: 2 },
  storedAt: 1763900000000,
};

// The failures the cache must absorb; the happy path runs against real Redis (response-cache.int-spec.ts).
function failingRedis(behaviour: {
  get?: () => Promise<string | null>;
  set?: () => Promise<unknown>;
}): Redis {
  return behaviour as unknown as Redis;
}

describe(ResponseCache.name, () => {
  it('reads a Redis error on get as a miss and reports it', async () => {
    const reports: ResponseCacheFailure[] = [];
    const cache = new ResponseCache(
      failingRedis({ get: () => Promise.reject(new Error('ECONNREFUSED')) }),
      'p',
      {
        onError: (_err, failure) => reports.push(failure),
      },
    );
    await expect(cache.get('k')).resolves.toBeNull();
    expect(reports).toEqual(['get']);
  });

  it('reads a get slower than the timeout as a miss', async () => {
    const reports: ResponseCacheFailure[] = [];
    const slow = () =>
      new Promise<string>((resolve) => setTimeout(() => resolve(JSON.stringify(entry)), 200));
    const cache = new ResponseCache(failingRedis({ get: slow }), 'p', {
      getTimeoutMs: 20,
      onError: (_err, failure) => reports.push(failure),
    });
    await expect(cache.get('k')).resolves.toBeNull();
    expect(reports).toEqual(['get']);
  });

  it('swallows a Redis error on put and reports it', async () => {
    const reports: ResponseCacheFailure[] = [];
    const cache = new ResponseCache(failingRedis({ set: () => Promise.reject(new Error('READONLY')) }), 'p', {
      onError: (_err, failure) => reports.push(failure),
    });
    await expect(cache.put('k', entry, 60)).resolves.toBeUndefined();
    expect(reports).toEqual(['put']);
  });

  it('does not write an entry with a TTL under one second', async () => {
    let writes = 0;
    const cache = new ResponseCache(failingRedis({ set: () => Promise.resolve(writes++) }));
    await cache.put('k', entry, 0.5);
    expect(writes).toBe(0);
  });
});
