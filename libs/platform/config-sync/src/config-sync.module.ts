import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { KAFKA } from '@tollgate/platform-kafka';
import { ConfigReadModel } from './config-read-model';
import { ConfigSync } from './config-sync';

const CONFIG_SYNC = Symbol('CONFIG_SYNC');

// Provides the ConfigReadModel, filled before the app starts serving (onModuleInit runs before listen).
@Global()
@Module({})
export class ConfigSyncModule implements OnModuleInit, OnModuleDestroy {
  constructor(@Inject(CONFIG_SYNC) private readonly sync: ConfigSync) {}

  static forRoot(options: { groupPrefix: string }): DynamicModule {
    return {
      module: ConfigSyncModule,
      global: true,
      providers: [
        ConfigReadModel,
        {
          provide: CONFIG_SYNC,
          inject: [KAFKA, getDataSourceToken(), ConfigReadModel],
          useFactory: (kafka: Kafka, dataSource: DataSource, model: ConfigReadModel) =>
            new ConfigSync(kafka, dataSource, model, options.groupPrefix),
        },
      ],
      exports: [ConfigReadModel],
    };
  }

  onModuleInit(): Promise<void> {
    return this.sync.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.sync.stop();
  }
}
