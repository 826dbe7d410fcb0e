import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache';

describe(LruCache.name, () => {
  it('creates a value once per key', () => {
    const cache = new LruCache<string, number>(2);
    let created = 0;
    cache.getOrCreate('a', () => ++created);
    expect(cache.getOrCreate('a', () => ++created)).toBe(1);
    expect(created).toBe(1);
  });

  it('forgets the least recently used key past its capacity', () => {
    const cache = new LruCache<string, string>(2);
    cache.getOrCreate('a', () => 'A');
    cache.getOrCreate('b', () => 'B');
    cache.getOrCreate('a', () => 'A again');
    cache.getOrCreate('c', () => 'C');
    expect(cache.size).toBe(2);
    expect(cache.has('a')).toBe(true);
    expect(cache.has('b')).toBe(false);
    expect(cache.has('c')).toBe(true);
  });
});
