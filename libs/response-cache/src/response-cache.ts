import type { Redis } from 'ioredis';
import type { CachedResponse } from './cached-response';

export interface ResponseCacheOptions {
  maxEntryBytes?: number;
  onError?: (err: unknown, op: 'get' | 'put') => void;
}

export class ResponseCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'tollgate:route-cache',
    private readonly options: ResponseCacheOptions = {},
  ) {}

  get(_key: string): Promise<CachedResponse | null> {
    void this.redis;
    void this.prefix;
    void this.options;
    return Promise.resolve(null);
  }

  put(_key: string, _value: CachedResponse, _ttlSeconds: number): Promise<void> {
    return Promise.resolve();
  }
}
