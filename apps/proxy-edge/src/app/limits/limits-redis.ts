import { once } from 'node:events';
import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { Redis } from 'ioredis';
import { ReadinessRegistry } from '@tollgate/platform-observability';
import { PROXY_EDGE_CONFIG, type ProxyEdgeConfig } from '../config';

// How long boot waits for Redis before serving anyway (keys without limits do not need it).
const BOOT_WAIT_MS = 5_000;

// The proxy's own Redis client: a command fails at once while Redis is down (no offline queue, no retries)
// or after LIMITS_REDIS_TIMEOUT_MS, so admission answers 503 or fails open instead of hanging; the client
// reconnects in the background. Keys without limits never touch Redis.
@Injectable()
export class LimitsRedis implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LimitsRedis.name);
  readonly client: Redis;

  constructor(
    @Inject(PROXY_EDGE_CONFIG) private readonly config: ProxyEdgeConfig,
    @Optional() private readonly readiness?: ReadinessRegistry,
  ) {
    this.client = new Redis(config.REDIS_URL, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: config.LIMITS_REDIS_TIMEOUT_MS,
      retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
    });
    // Connection errors surface on the commands that need Redis; the client logs nothing by itself.
    this.client.on('error', () => undefined);
  }

  // The first requests after boot find Redis connected, not a spurious 503.
  async onModuleInit(): Promise<void> {
    // Failing closed, the proxy is not ready without Redis; failing open, it is.
    if (this.config.LIMITS_ON_REDIS_ERROR === 'fail_closed')
      this.readiness?.register('redis', async () => {
        await this.client.ping();
      });
    if (this.client.status === 'ready') return;
    try {
      await once(this.client, 'ready', { signal: AbortSignal.timeout(BOOT_WAIT_MS) });
    } catch {
      this.logger.warn(`Redis not reachable after ${BOOT_WAIT_MS} ms; keys with limits wait for it`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.client.disconnect();
  }
}
