// Route responses in Redis, one string per entry with its TTL. The cache never fails a request: a Redis
// error, a slow Redis or an unreadable entry is a miss, reported through onError.
import type { Redis } from 'ioredis';
import { CachedResponseSchema, type CachedResponse } from './cached-response';

export type ResponseCacheFailure = 'get' | 'put' | 'corrupt';

export interface ResponseCacheOptions {
  // Entries whose serialized size is over this are not stored (default 4 MiB).
  maxEntryBytes?: number;
  // A get slower than this is a miss (default 250 ms): waiting longer costs more than the upstream call saves.
  getTimeoutMs?: number;
  onError?: (err: unknown, failure: ResponseCacheFailure) => void;
}

export const DEFAULT_MAX_ENTRY_BYTES = 4 * 1024 * 1024;

export class ResponseCache {
  private readonly maxEntryBytes: number;
  private readonly getTimeoutMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'tollgate:route-cache',
    private readonly options: ResponseCacheOptions = {},
  ) {
    this.maxEntryBytes = options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
    this.getTimeoutMs = options.getTimeoutMs ?? 250;
  }

  async get(key: string): Promise<CachedResponse | null> {
    let raw: string | null;
    try {
      raw = await withTimeout(this.redis.get(this.redisKey(key)), this.getTimeoutMs);
    } catch (err) {
      this.options.onError?.(err, 'get');
      return null;
    }
    return raw === null ? null : this.decode(raw);
  }

  // Resolves whether or not the entry was stored (too large, or Redis failing): storing is best effort.
  async put(key: string, value: CachedResponse, ttlSeconds: number): Promise<void> {
    const ttl = Math.floor(ttlSeconds);
    if (ttl < 1) return;
    const raw = JSON.stringify(value);
    if (Buffer.byteLength(raw, 'utf8') > this.maxEntryBytes) return;
    try {
      await this.redis.set(this.redisKey(key), raw, 'EX', ttl);
    } catch (err) {
      this.options.onError?.(err, 'put');
    }
  }

  private decode(raw: string): CachedResponse | null {
    try {
      return CachedResponseSchema.parse(JSON.parse(raw));
    } catch (err) {
      this.options.onError?.(err, 'corrupt');
      return null;
    }
  }

  private redisKey(key: string): string {
    return `${this.prefix}:${key}`;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`response cache get timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
