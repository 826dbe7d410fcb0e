import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { BatchingPublisher } from '@tollgate/platform-bus';
import { SecretBox } from '@tollgate/platform-config';
import { ConfigReadModel, ConfigSyncModule } from '@tollgate/platform-config-sync';
import { DatabaseModule } from '@tollgate/platform-database';
import { KafkaModule, kafkaSecurityOf } from '@tollgate/platform-kafka';
import { MetricsModule, MetricsRegistry } from '@tollgate/platform-metrics';
import { ResponseCache } from '@tollgate/response-cache';
import { HealthModule } from '@tollgate/platform-observability';
import { KeyDirectory, SECRET_BOX } from './auth/key-directory';
import { Metering } from './billing/metering';
import { LateUsageClaims } from './billing/late-usage-claims';
import { PROXY_EDGE_CONFIG, type ProxyEdgeConfig } from './config';
import { AdmissionService } from './limits/admission.service';
import { LimitsRedis } from './limits/limits-redis';
import { PiiScanner } from './pii/pii-scanner.provider';
import { composeProxyPipeline } from './pipeline/compose-pipeline';
import { ProxyPipeline } from './pipeline/proxy-pipeline';
import { UpstreamClient } from './relay/upstream.client';
import { CustomProviderRoutes } from './routing/custom-provider-routes';
import { RequestMetrics } from './usage/request.metrics';
import { GatewayRoutes } from './routing/gateway-routes';
import { UsagePublisher } from './usage/usage-publisher.provider';
import { USAGE_PUBLISHER, UsageRecorder } from './usage/usage.recorder';

// Requests enter through installProxyEntrance (main.ts), not through Nest controllers.
function pipelineProvider(config: ProxyEdgeConfig): Provider {
  return {
    provide: ProxyPipeline,
    useFactory: (
      keys: KeyDirectory,
      customRoutes: CustomProviderRoutes,
      gatewayRoutes: GatewayRoutes,
      limitsRedis: LimitsRedis,
      upstream: UpstreamClient,
      usage: UsageRecorder,
      admission: AdmissionService,
      metering: Metering,
      claims: LateUsageClaims,
      scanner: PiiScanner,
      model: ConfigReadModel,
      metrics: RequestMetrics,
    ) =>
      composeProxyPipeline({
        config,
        keys,
        customRoutes,
        gatewayRoutes,
        // Route responses share the limits' Redis client: a slow or failing Redis is a cache miss.
        routeCache: new ResponseCache(limitsRedis.client),
        upstream,
        usage,
        admission,
        metering,
        claims,
        pii: { scanner: scanner.client, policies: model, counters: scanner.counters },
        metrics,
      }),
    inject: [
      KeyDirectory,
      CustomProviderRoutes,
      GatewayRoutes,
      LimitsRedis,
      UpstreamClient,
      UsageRecorder,
      AdmissionService,
      Metering,
      LateUsageClaims,
      PiiScanner,
      ConfigReadModel,
      RequestMetrics,
    ],
  };
}

function requestMetricsProvider(config: ProxyEdgeConfig): Provider {
  return {
    provide: RequestMetrics,
    useFactory: (registry: MetricsRegistry) =>
      new RequestMetrics(registry, { maxKeySeries: config.METRICS_MAX_KEY_SERIES }),
    inject: [MetricsRegistry],
  };
}

@Module({})
export class AppModule {
  static forRoot(config: ProxyEdgeConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        HealthModule,
        // GET /metrics is served on its own port (main.ts), not on the proxy's.
        MetricsModule.forRoot({ service: 'proxy-edge', controller: false }),
        // Known keys are served from memory while PostgreSQL is down: reported by readiness, not required.
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          runMigrations: false,
          requiredForReadiness: false,
        }),
        // The proxy serves while Kafka is down: usage events wait in the spool, config comes from PostgreSQL.
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: config.KAFKA_CLIENT_ID ?? 'proxy-edge',
          security: kafkaSecurityOf(config),
          startWithoutKafka: true,
        }),
        ConfigSyncModule.forRoot({
          groupPrefix: 'proxy-edge',
          redisUrl: config.REDIS_URL,
          pollIntervalMs: config.CONFIG_POLL_INTERVAL_MS,
          unknownKeys: {
            perSecond: config.UNKNOWN_KEY_LOOKUPS_PER_SECOND,
            negativeTtlMs: config.UNKNOWN_KEY_NEGATIVE_TTL_MS,
          },
        }),
      ],
      providers: [
        { provide: PROXY_EDGE_CONFIG, useValue: config },
        { provide: SECRET_BOX, useValue: SecretBox.fromMasterKey(config.SECRETS_MASTER_KEY) },
        KeyDirectory,
        CustomProviderRoutes,
        GatewayRoutes,
        UpstreamClient,
        UsagePublisher,
        {
          // Usage events leave in batches of up to 25 ms: one Kafka request per proxied request cost the bus
          // and the proxy more than the rest of the request (docs/adr/0007).
          provide: USAGE_PUBLISHER,
          useFactory: (spooled: UsagePublisher) =>
            new BatchingPublisher(spooled, { lingerMs: 25, maxRecords: 1000 }),
          inject: [UsagePublisher],
        },
        UsageRecorder,
        LimitsRedis,
        AdmissionService,
        Metering,
        LateUsageClaims,
        PiiScanner,
        requestMetricsProvider(config),
        pipelineProvider(config),
      ],
    };
  }
}
