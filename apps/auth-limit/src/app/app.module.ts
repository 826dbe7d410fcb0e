import { Module, type DynamicModule } from '@nestjs/common';
import { KafkaModule } from '@tollgate/platform-kafka';
import { HealthModule } from '@tollgate/platform-observability';
import { RedisModule } from '@tollgate/platform-redis';
import type { AuthLimitConfig } from './config';
import { UsageLedger } from './usage/usage-ledger';
import { UsageConsumer } from './usage/usage.consumer';

@Module({})
export class AppModule {
  static forRoot(config: AuthLimitConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        HealthModule,
        RedisModule.forRoot({ url: config.REDIS_URL }),
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: config.KAFKA_CLIENT_ID ?? 'auth-limit',
        }),
      ],
      providers: [UsageLedger, UsageConsumer],
    };
  }
}
