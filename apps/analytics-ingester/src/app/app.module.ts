import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DeadLettersModule, KafkaModule, kafkaSecurityOf } from '@tollgate/platform-kafka';
import { ConsumerMetrics, MetricsModule, MetricsRegistry } from '@tollgate/platform-metrics';
import { HealthModule } from '@tollgate/platform-observability';
import { ClickHouseModule } from './clickhouse.module';
import { ANALYTICS_CONFIG, type AnalyticsIngesterConfig } from './config';
import { RequestEventsSink } from './usage/request-events.sink';
import { UsageConsumer } from './usage/usage.consumer';
import { ClickHouseInsertMetrics } from './usage/clickhouse-insert.metrics';

@Global()
@Module({})
export class AppModule {
  static forRoot(config: AnalyticsIngesterConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        HealthModule,
        MetricsModule.forRoot({ service: 'analytics-ingester' }),
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: config.KAFKA_CLIENT_ID ?? 'analytics-ingester',
          security: kafkaSecurityOf(config),
        }),
        ClickHouseModule,
        DeadLettersModule,
      ],
      providers: [
        { provide: ANALYTICS_CONFIG, useValue: config },
        RequestEventsSink,
        UsageConsumer,
        {
          provide: ConsumerMetrics,
          useFactory: (r: MetricsRegistry) => new ConsumerMetrics(r),
          inject: [MetricsRegistry],
        },
        ClickHouseInsertMetrics,
      ],
      exports: [ANALYTICS_CONFIG],
    };
  }
}
