import { Logger, Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { DatabaseModule } from '@tollgate/platform-database';
import { KafkaModule, kafkaSecurityOf } from '@tollgate/platform-kafka';
import { MetricsModule } from '@tollgate/platform-metrics';
import { HealthModule } from '@tollgate/platform-observability';
import { RedisModule } from '@tollgate/platform-redis';
import { AdminAuthGuard } from './admin-auth.guard';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { CONFIG_ADMIN_CONFIG, type ConfigAdminConfig } from './config';
import { AdminErrorFilter } from './errors/admin-error.filter';
import { CustomProvidersModule } from './custom-providers/custom-providers.module';
import { KeysModule } from './keys/keys.module';
import { DocsController } from './openapi/docs.controller';
import { RoutesModule } from './routes/routes.module';
import { PoliciesModule } from './policies/policies.module';
import { UsersModule } from './users/users.module';
import { OutboxModule } from './outbox/outbox.module';
import { ProviderSettingsModule } from './provider-settings/provider-settings.module';
import { ReportingModule } from './reporting/reporting.module';
import { PricingModule } from './pricing/pricing.module';
import { RevocationsModule } from './revocations/revocations.module';
import { secretBoxProvider } from './secrets.provider';
import { AdminCorsMiddleware } from './cors/admin-cors.middleware';
import { MethodNotAllowedMiddleware } from './request-shape/method-not-allowed.middleware';
import { QueryParamsGuard } from './request-shape/query-params.guard';
import { WellFormedInputPipe } from './request-shape/well-formed-input.pipe';

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: ConfigAdminConfig): DynamicModule {
    if (config.ADMIN_PASS === undefined) {
      new Logger('config-admin').warn('ADMIN_AUTH_DISABLED=true: the admin API accepts every caller');
    }
    return {
      module: AppModule,
      global: true,
      imports: [
        HealthModule,
        MetricsModule.forRoot({ service: 'config-admin' }),
        DatabaseModule.forRoot({ url: config.DATABASE_URL, runMigrations: true }),
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: config.KAFKA_CLIENT_ID ?? 'config-admin',
          security: kafkaSecurityOf(config),
        }),
        RedisModule.forRoot({ url: config.REDIS_URL }),
        OutboxModule,
        ProviderSettingsModule,
        KeysModule,
        UsersModule,
        PoliciesModule,
        CustomProvidersModule,
        RoutesModule,
        ReportingModule,
        PricingModule,
        RevocationsModule,
      ],
      controllers: [DocsController],
      providers: [
        { provide: CONFIG_ADMIN_CONFIG, useValue: config },
        secretBoxProvider(config.SECRETS_MASTER_KEY),
        { provide: APP_FILTER, useClass: AdminErrorFilter },
        {
          provide: APP_GUARD,
          useValue: new AdminAuthGuard(
            config.ADMIN_PASS,
            new AuthFailureLimiter(config.ADMIN_AUTH_FAILURES_PER_MINUTE),
          ),
        },
        // Guards run in this order: who is asking, then what the query string holds.
        { provide: APP_GUARD, useClass: QueryParamsGuard },
        { provide: APP_PIPE, useClass: WellFormedInputPipe },
      ],
      exports: [secretBoxProvider(config.SECRETS_MASTER_KEY).provide, CONFIG_ADMIN_CONFIG],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AdminCorsMiddleware, MethodNotAllowedMiddleware).forRoutes('{*path}');
  }
}
