import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { infraEnv, uniqueSuffix } from '@tollgate/testing';
import { cacheScope, routeCacheKey } from './cache-key';
import type { CachedResponse } from './cached-response';
import { ResponseCache, type ResponseCacheFailure } from './response-cache';

const entry = (overrides: Partial<CachedResponse> = {}): CachedResponse => ({
  status: 200,
  contentType: 'text/event-stream',
  body: 'data: {"choices":[{"delta":{"content":"héllo ✓"}}]}\n\ndata: [DONE]\n\n',
  stream: true,
  model: 'gpt-4o',
  usage: { promptTokens: 12, completionTokens: 4 },
  storedAt: 1763900000000,
  ...overrides,
});

// Against real Redis: what is stored comes back, expires, stays in its tenant's scope, and what cannot be
// read is a miss.
describe('ResponseCache (real Redis)', () => {
  const redis = new Redis(infraEnv.redisUrl);
  const prefix = `tollgate:test:route-cache:${uniqueSuffix()}`;
  const reports: ResponseCacheFailure[] = [];
  const cache = new ResponseCache(redis, prefix, {
    maxEntryBytes: 64 * 1024,
    onError: (_err, f) => reports.push(f),
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true };
  const keyFor = (keyId: string, tags: string[] = [], shareByTags = false) =>
    routeCacheKey({
      routeId: 'route-1',
      scope: cacheScope({ keyId, tags, shareByTags }),
      model: 'gpt-4o',
      body,
    });

  it('returns what was put, with its TTL set in Redis', async () => {
    const key = keyFor('k-roundtrip');
    await cache.put(key, entry(), 120);
    expect(await cache.get(key)).toEqual(entry());
    const ttl = await redis.ttl(`${prefix}:${key}`);
    expect(ttl).toBeGreaterThan(110);
    expect(ttl).toBeLessThanOrEqual(120);
  });

  it('misses once the TTL has passed', async () => {
    const key = keyFor('k-expiry');
    await cache.put(key, entry(), 1);
    expect(await cache.get(key)).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await cache.get(key)).toBeNull();
  });

  it("keeps one key's entries from another key, and shares them between keys with the same tags", async () => {
    await cache.put(keyFor('k-a'), entry({ body: 'for a' }), 60);
    expect(await cache.get(keyFor('k-b'))).toBeNull();
    await cache.put(keyFor('k-c', ['team-x', 'prod'], true), entry({ body: 'for the team' }), 60);
    expect(await cache.get(keyFor('k-d', ['prod', 'team-x'], true))).toMatchObject({ body: 'for the team' });
    expect(await cache.get(keyFor('k-e', ['prod'], true))).toBeNull();
  });

  it('does not store an entry over the size cap', async () => {
    const key = keyFor('k-large');
    await cache.put(key, entry({ body: 'x'.repeat(65 * 1024) }), 60);
    expect(await redis.exists(`${prefix}:${key}`)).toBe(0);
    expect(await cache.get(key)).toBeNull();
  });

  it('reads corrupted entries as misses and reports them', async () => {
    reports.length = 0;
    await redis.set(`${prefix}:not-json`, '{"status":200,', 'EX', 60);
    await redis.set(
      `${prefix}:wrong-shape`,
      JSON.stringify({ ...entry(), usage: { promptTokens: 'many' } }),
      'EX',
      60,
    );
    expect(await cache.get('not-json')).toBeNull();
    expect(await cache.get('wrong-shape')).toBeNull();
    expect(reports).toEqual(['corrupt', 'corrupt']);
  });

  it('reads an unreachable Redis as a miss', async () => {
    const down = new Redis('redis://127.0.0.1:1', {
      maxRetriesPerRequest: 0,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    // The connection error is the point of the test; the client's own error event is not.
    down.on('error', () => undefined);
    const failures: ResponseCacheFailure[] = [];
    const unreachable = new ResponseCache(down, prefix, { onError: (_err, f) => failures.push(f) });
    expect(await unreachable.get(keyFor('k-down'))).toBeNull();
    await unreachable.put(keyFor('k-down'), entry(), 60);
    expect(failures).toEqual(['get', 'put']);
    down.disconnect();
  });
});
