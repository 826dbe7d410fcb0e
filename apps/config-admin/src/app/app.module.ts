import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { DatabaseModule } from '@tollgate/platform-database';
import { HealthModule } from '@tollgate/platform-observability';
import type { ConfigAdminConfig } from './config';
import { AdminErrorFilter } from './errors/admin-error.filter';
import { KeysModule } from './keys/keys.module';
import { ProviderSettingsModule } from './provider-settings/provider-settings.module';

@Module({})
export class AppModule {
  static forRoot(config: ConfigAdminConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        HealthModule,
        DatabaseModule.forRoot({ url: config.DATABASE_URL, runMigrations: true }),
        ProviderSettingsModule,
        KeysModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: AdminErrorFilter }],
    };
  }
}
