import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { KAFKA } from '@tollgate/platform-kafka';
import { AppliedRegistry, configNamespace } from './applied-registry';
import { ConfigReadModel } from './config-read-model';
import { ConfigSync } from './config-sync';
import { keysInDatabase, UnknownKeyLookup, type UnknownKeyOptions } from './unknown-key.lookup';

const CONFIG_SYNC = Symbol('CONFIG_SYNC');
const REGISTRY_REDIS = Symbol('REGISTRY_REDIS');

export interface ConfigSyncModuleOptions {
  groupPrefix: string;
  // Where the instance reports what it has applied (docs/adr/0015).
  redisUrl: string;
  pollIntervalMs: number;
  // Only the proxy looks up keys its read model does not hold.
  unknownKeys?: UnknownKeyOptions;
}

// Provides the ConfigReadModel, filled before the app starts serving (onModuleInit runs before listen).
@Global()
@Module({})
export class ConfigSyncModule implements OnModuleInit, OnModuleDestroy {
  constructor(
    @Inject(CONFIG_SYNC) private readonly sync: ConfigSync,
    @Inject(REGISTRY_REDIS) private readonly redis: Redis,
  ) {}

  static forRoot(options: ConfigSyncModuleOptions): DynamicModule {
    return {
      module: ConfigSyncModule,
      global: true,
      providers: [
        ConfigReadModel,
        { provide: REGISTRY_REDIS, useFactory: () => registryRedis(options.redisUrl) },
        {
          provide: CONFIG_SYNC,
          inject: [KAFKA, getDataSourceToken(), ConfigReadModel, REGISTRY_REDIS],
          useFactory: async (kafka: Kafka, dataSource: DataSource, model: ConfigReadModel, redis: Redis) =>
            new ConfigSync(
              kafka,
              dataSource,
              model,
              new AppliedRegistry(redis, await configNamespace(dataSource)),
              options,
            ),
        },
        {
          provide: UnknownKeyLookup,
          inject: [getDataSourceToken(), ConfigReadModel],
          useFactory: (dataSource: DataSource, model: ConfigReadModel) =>
            options.unknownKeys
              ? new UnknownKeyLookup(keysInDatabase(dataSource), model, options.unknownKeys)
              : null,
        },
      ],
      exports: [ConfigReadModel, UnknownKeyLookup],
    };
  }

  async onModuleInit(): Promise<void> {
    // Without Redis the instance still serves; it is counted as live once a heartbeat gets through.
    await this.redis.connect().catch(() => undefined);
    await this.sync.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.sync.stop();
    this.redis.disconnect();
  }
}

// A connection of its own: reports never queue behind, nor delay, the app's other Redis work. While Redis
// is down a report fails at once and the next heartbeat tries again.
function registryRedis(url: string): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 1_000,
  });
  redis.on('error', () => undefined);
  return redis;
}
