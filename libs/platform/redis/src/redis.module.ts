import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { Redis } from 'ioredis';
import { ReadinessRegistry } from '@tollgate/platform-observability';

export const REDIS = Symbol('REDIS');

export function createRedis(url: string): Redis {
  // Commands fail fast while Redis is down instead of queueing without bound.
  return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: true, lazyConnect: true });
}

@Global()
@Module({})
export class RedisModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly readiness: ReadinessRegistry,
  ) {}

  static forRoot(options: { url: string }): DynamicModule {
    return {
      module: RedisModule,
      providers: [{ provide: REDIS, useFactory: () => createRedis(options.url) }],
      exports: [REDIS],
    };
  }

  async onModuleInit(): Promise<void> {
    await this.redis.connect();
    this.readiness.register('redis', async () => {
      const pong = await this.redis.ping();
      if (pong !== 'PONG') throw new Error(`unexpected PING reply ${pong}`);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit();
  }
}
