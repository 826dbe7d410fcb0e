import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigSyncModule } from '@tollgate/platform-config-sync';
import { DatabaseModule } from '@tollgate/platform-database';
import { DeadLettersModule, KafkaModule, kafkaSecurityOf } from '@tollgate/platform-kafka';
import { ConsumerMetrics, MetricsModule, MetricsRegistry } from '@tollgate/platform-metrics';
import { HealthModule } from '@tollgate/platform-observability';
import { RedisModule } from '@tollgate/platform-redis';
import type { AuthLimitConfig } from './config';
import { ExpirySweeper } from './limits/expiry-sweeper';
import { RevocationsProducer } from './limits/revocations.producer';
import { SpendSettler } from './limits/spend-settler';
import { UsageConsumer } from './usage/usage.consumer';

@Module({})
export class AppModule {
  static forRoot(config: AuthLimitConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        HealthModule,
        MetricsModule.forRoot({ service: 'auth-limit' }),
        RedisModule.forRoot({ url: config.REDIS_URL }),
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: config.KAFKA_CLIENT_ID ?? 'auth-limit',
          security: kafkaSecurityOf(config),
        }),
        // Read only, for the read model's boot snapshot: auth-limit writes no table; it asks config-admin to
        // revoke by event (RevocationsProducer).
        DatabaseModule.forRoot({ url: config.DATABASE_URL, runMigrations: false }),
        // Keys and users for settlement and expiry, kept current like proxy-edge's. It reports what it has
        // applied too: an admin write returns once settlement also judges by the new limits.
        ConfigSyncModule.forRoot({
          groupPrefix: 'auth-limit',
          redisUrl: config.REDIS_URL,
          pollIntervalMs: config.CONFIG_POLL_INTERVAL_MS,
        }),
        DeadLettersModule,
      ],
      providers: [
        RevocationsProducer,
        SpendSettler,
        ExpirySweeper,
        UsageConsumer,
        {
          provide: ConsumerMetrics,
          useFactory: (r: MetricsRegistry) => new ConsumerMetrics(r),
          inject: [MetricsRegistry],
        },
      ],
    };
  }
}
